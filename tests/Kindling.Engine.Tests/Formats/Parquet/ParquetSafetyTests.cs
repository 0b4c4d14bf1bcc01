using System.Buffers.Binary;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Encodings;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Reader;
using Kindling.Formats.Parquet.Thrift;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>Truncated, corrupt and hostile files fail with a clear InvalidDataException naming the file, never a crash or hang.</summary>
public sealed class ParquetSafetyTests
{
    private static byte[] ValidFile(ParquetWriteOptions options, int rows = 300)
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, ContractTable.Schema, options))
            writer.WriteBatch(ContractTable.Batch(0, rows));
        return stream.ToArray();
    }

    /// <summary>A string array column and an int array column, with null and empty lists and null elements.</summary>
    private static byte[] ListFile(ParquetWriteOptions options, int rows = 200)
    {
        var schema = new Schema([new Field("ss", ColumnType.Array(ColumnType.String)), new Field("xs", ColumnType.Array(ColumnType.Int64))]);
        object? List(int i, Func<int, object> value) => i % 7 == 3 ? null : Enumerable.Range(0, i % 6).Select(k => (i + k) % 5 == 0 ? null : value(i + k)).ToArray();
        var ss = Kindling.Kernels.Selection.VectorFromObjects.Build(schema[0].Type, [.. Enumerable.Range(0, rows).Select(i => List(i, v => $"s{v % 9}"))]);
        var xs = Kindling.Kernels.Selection.VectorFromObjects.Build(schema[1].Type, [.. Enumerable.Range(0, rows).Select(i => List(i, v => (long)v * 1_000_003))]);
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, schema, options))
            writer.WriteBatch(new ColumnBatch(schema, [ss, xs], rows));
        return stream.ToArray();
    }

    private static Exception? ReadAll(byte[] bytes, string path)
    {
        File.WriteAllBytes(path, bytes);
        try
        {
            using var reader = ParquetFileReader.Open(path);
            // Decoding is what is under test; values that decode but lie outside .NET's date range are data, not errors.
            long rows = 0;
            foreach (var batch in reader.ReadBatches())
            {
                rows += batch.RowCount;
                foreach (var column in batch.Columns)
                    if ((column is ListVector l ? l.Elements : column) is StringVector s) for (int r = 0; r < s.Length; r++) s.GetBytes(r);
            }
            Assert.Equal(reader.RowCount, rows);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static void AssertCorrupt(byte[] bytes, string expectedFragment)
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.parquet");
        var e = ReadAll(bytes, path);
        var corrupt = Assert.IsType<InvalidDataException>(e);
        Assert.Contains(path, corrupt.Message);
        Assert.Contains(expectedFragment, corrupt.Message);
    }

    [Fact]
    public void Bad_magic() => AssertCorrupt([.. "NOPE"u8, .. ValidFile(new())[4..]], "no PAR1 magic");

    [Fact]
    public void Too_short() => AssertCorrupt("PAR1PAR1"u8.ToArray(), "too short");

    [Fact]
    public void Footer_length_past_the_file()
    {
        var bytes = ValidFile(new());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), bytes.Length);
        AssertCorrupt(bytes, "footer length");
    }

    [Fact]
    public void Negative_footer_length()
    {
        var bytes = ValidFile(new());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), -5);
        AssertCorrupt(bytes, "footer length");
    }

    [Fact]
    public void Truncated_in_the_middle()
    {
        var bytes = ValidFile(new());
        var cut = bytes[..(bytes.Length / 2)].Concat(bytes[^8..]).ToArray();
        using var dir = new TempDirectory();
        Assert.IsType<InvalidDataException>(ReadAll(cut, dir.File("cut.parquet")));
    }

    /// <summary>A dictionary page of two INT32 values and a data page whose index says 5.</summary>
    [Fact]
    public void Dictionary_index_out_of_range()
    {
        var column = ParquetColumn.From(0, new SchemaElement { Name = "x", Type = PhysicalType.Int32, Repetition = FieldRepetition.Required });
        var chunk = new MemoryStream();
        var w = new ThriftCompactWriter();
        new PageHeader { Type = PageType.DictionaryPage, NumValues = 2, UncompressedSize = 8, CompressedSize = 8 }.Write(w);
        chunk.Write(w.Written);
        chunk.Write([1, 0, 0, 0, 2, 0, 0, 0]);
        byte[] indices = [3, 0b0000_0100, 5]; // bit width 3, RLE run of 2 values, value 5
        new PageHeader { Type = PageType.DataPage, NumValues = 2, Encoding = ParquetEncoding.RleDictionary, UncompressedSize = indices.Length, CompressedSize = indices.Length }.Write(w);
        chunk.Write(w.Written);
        chunk.Write(indices);
        var meta = new ColumnMetaData { Type = PhysicalType.Int32, Codec = CompressionCodec.Uncompressed, NumValues = 2 };
        var e = Assert.Throws<InvalidDataException>(() => new ColumnChunkReader(column).Read(chunk.ToArray(), meta, 2));
        Assert.Contains("dictionary index 5 out of range 0..1", e.Message);
    }

    [Fact]
    public void A_page_claiming_a_huge_size_is_refused_before_allocating()
    {
        var column = ParquetColumn.From(0, new SchemaElement { Name = "x", Type = PhysicalType.Int64, Repetition = FieldRepetition.Required });
        var w = new ThriftCompactWriter();
        new PageHeader { Type = PageType.DataPage, NumValues = 1, Encoding = ParquetEncoding.Plain, UncompressedSize = int.MaxValue, CompressedSize = 8 }.Write(w);
        byte[] chunk = [.. w.Written, 1, 2, 3, 4, 5, 6, 7, 8];
        var meta = new ColumnMetaData { Type = PhysicalType.Int64, Codec = CompressionCodec.Snappy, NumValues = 1 };
        var e = Assert.Throws<InvalidDataException>(() => new ColumnChunkReader(column).Read(chunk, meta, 1));
        Assert.Contains("uncompressed bytes", e.Message);
    }

    [Fact]
    public void A_page_that_lies_about_its_value_count()
    {
        var column = ParquetColumn.From(0, new SchemaElement { Name = "x", Type = PhysicalType.Int64, Repetition = FieldRepetition.Required });
        var w = new ThriftCompactWriter();
        new PageHeader { Type = PageType.DataPage, NumValues = 4, Encoding = ParquetEncoding.Plain, UncompressedSize = 8, CompressedSize = 8 }.Write(w);
        byte[] chunk = [.. w.Written, 1, 0, 0, 0, 0, 0, 0, 0];
        var meta = new ColumnMetaData { Type = PhysicalType.Int64, Codec = CompressionCodec.Uncompressed, NumValues = 4 };
        var e = Assert.Throws<InvalidDataException>(() => new ColumnChunkReader(column).Read(chunk, meta, 4));
        Assert.Contains("fewer than 4 INT64 values", e.Message);
    }

    /// <summary>
    /// A DELTA_BINARY_PACKED stream whose header claims <paramref name="claimed"/> values in blocks of 2^20
    /// zero-width deltas: each block is two bytes, so ~4 KB claim int.MaxValue values.
    /// </summary>
    private static byte[] HugeDeltaRun(long claimed, int blocks)
    {
        var b = new ByteBuffer();
        b.WriteVarint(1 << 20); // block size
        b.WriteVarint(1); // one miniblock of 2^20 values
        b.WriteVarint((ulong)claimed);
        b.WriteVarint(0); // first value
        for (int k = 0; k < blocks; k++)
        {
            b.WriteVarint(0); // min delta
            b.WriteByte(0); // bit width 0: no miniblock bytes
        }
        return b.Written.ToArray();
    }

    [Fact]
    public void A_delta_header_claiming_more_values_than_the_page_is_refused_at_once()
    {
        var bytes = HugeDeltaRun(int.MaxValue, 2048);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.Decode(bytes, new long[100], out _));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Contains("DELTA_BINARY_PACKED holds 2147483647 values, 100 expected", e.Message);
    }

    /// <summary>Files whose DELTA pages claim int.MaxValue values (lengths, for the byte-array encodings) fail fast, naming the encoding.</summary>
    [Theory]
    [InlineData("DeltaBinaryPacked")]
    [InlineData("DeltaLengthByteArray")]
    [InlineData("DeltaByteArray")]
    public void A_file_whose_delta_page_claims_billions_of_values_fails_fast(string encodingName)
    {
        var encoding = Enum.Parse<ParquetEncoding>(encodingName);
        var element = new SchemaElement { Name = "x", Type = encoding == ParquetEncoding.DeltaBinaryPacked ? PhysicalType.Int64 : PhysicalType.ByteArray, Repetition = FieldRepetition.Required };
        byte[] values = encoding switch
        {
            ParquetEncoding.DeltaBinaryPacked => HugeDeltaRun(int.MaxValue, 2048),
            ParquetEncoding.DeltaLengthByteArray => HugeDeltaRun(int.MaxValue, 2048),
            _ => [.. HugeDeltaRun(int.MaxValue, 2048), .. HandBuiltParquet.Delta(new long[100])], // prefixes, then suffix lengths
        };
        var file = new HandBuiltParquet(CompressionCodec.Uncompressed).Column(element, encoding).Page(v2: false, 100, null, values).Build(100);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        AssertCorrupt(file, "DELTA_BINARY_PACKED");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    /// <summary>Hostile levels of a list column fail naming the file, the column and what is wrong.</summary>
    [Theory]
    [InlineData("first-repetition", false, "a list continued from before its column chunk")]
    [InlineData("first-repetition", true, "a list continued from before its column chunk")]
    [InlineData("definition-above-max", false, "definition level 3 above the maximum 2")]
    [InlineData("continued-empty", true, "repetition level 1 continues a list with definition level 1")]
    [InlineData("fewer-values", false, "page holds fewer than")]
    [InlineData("more-rows", false, "holds more lists than its row group's rows")]
    [InlineData("fewer-rows", true, "ends with 1 of its rows still to come")]
    public void Hostile_list_levels(string kind, bool v2, string fragment)
    {
        bool elementOptional = kind != "definition-above-max"; // max definition 2: the 2-bit level 3 is above it
        var rows = HandBuiltLists.SampleRows;
        Action<int[], int[]>? tamper = kind switch
        {
            "first-repetition" => (rep, _) => rep[0] = 1,
            "definition-above-max" => (_, def) => def[0] = 3,
            "continued-empty" => (rep, def) => { rep[2] = 1; def[2] = 1; },
            "fewer-values" => (_, def) => def[4] = 3, // an entry claims a value no page holds
            _ => null,
        };
        long? claimed = kind switch { "more-rows" => rows.Length - 1, "fewer-rows" => rows.Length + 1, _ => null };
        if (!elementOptional) rows = [.. rows.Select(r => r?.Where(v => v is not null).ToArray())];
        var file = HandBuiltLists.File(HandBuiltLists.Standard(elementOptional: elementOptional), rows, true, elementOptional, v2, pageEntries: 100, tamper: tamper, claimedRows: claimed);
        AssertCorrupt(file, fragment);
        AssertCorrupt(file, "column 'xs'");
    }

    /// <summary>Every file Kindling's writer cannot produce: data page v2 and v1 mixed, DELTA_*, BYTE_STREAM_SPLIT, RLE booleans.</summary>
    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("lz4_raw")]
    public void Hand_built_files_read_back_every_value(string codec)
    {
        var bytes = HandBuiltParquet.Sample(Kindling.Formats.Parquet.Compression.CompressionCodecs.Parse(codec));
        using var dir = new TempDirectory();
        string path = dir.File("sample.parquet");
        File.WriteAllBytes(path, bytes);
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(HandBuiltParquet.SampleColumns, reader.Schema.Fields.Select(f => f.Name));
        var rows = Kindling.Engine.Tests.TestSupport.Rows.Of(reader.ReadBatches(batchRows: 37));
        Assert.Equal(200, rows.Count);
        for (int i = 0; i < rows.Count; i++)
            for (int c = 0; c < HandBuiltParquet.SampleColumns.Length; c++)
                Assert.True(Equals(HandBuiltParquet.Expected(HandBuiltParquet.SampleColumns[c], i), rows[i][c]),
                    $"row {i} column {HandBuiltParquet.SampleColumns[c]}: {rows[i][c]} instead of {HandBuiltParquet.Expected(HandBuiltParquet.SampleColumns[c], i)}");
    }

    /// <summary>
    /// Kindling's own files (v1 PLAIN/dictionary, or v2) and hand-built ones in the encodings and codecs other
    /// writers use, mutated: each read succeeds or fails with InvalidDataException/NotSupportedException naming
    /// the file, and no file takes long (a hang or a decode loop driven by a hostile count fails the test).
    /// </summary>
    [Theory]
    [InlineData("kindling", "none", 1)]
    [InlineData("kindling", "snappy", 2)]
    [InlineData("kindling", "zstd", 3)]
    [InlineData("kindling-v2", "gzip", 4)]
    [InlineData("hand-built", "none", 5)]
    [InlineData("hand-built", "gzip", 6)]
    [InlineData("hand-built", "lz4_raw", 7)]
    [InlineData("kindling-lists", "snappy", 8)]
    [InlineData("kindling-lists-v2", "none", 9)]
    [InlineData("hand-built-lists", "none", 10)]
    public void Thousands_of_mutated_files_fail_cleanly(string corpus, string codec, int seed)
    {
        var compression = Kindling.Formats.Parquet.Compression.CompressionCodecs.Parse(codec);
        var original = corpus switch
        {
            "kindling" => ValidFile(new ParquetWriteOptions { Codec = compression, PageBytes = 512 }, rows: 200),
            "kindling-v2" => ValidFile(new ParquetWriteOptions { Codec = compression, PageBytes = 512, DataPageV2 = true }, rows: 200),
            "kindling-lists" => ListFile(new ParquetWriteOptions { Codec = compression, PageBytes = 256 }),
            "kindling-lists-v2" => ListFile(new ParquetWriteOptions { Codec = compression, PageBytes = 256, DataPageV2 = true, UseDictionary = false }),
            "hand-built-lists" => HandBuiltLists.File(HandBuiltLists.Standard(), HandBuiltLists.SampleRows, true, true, v2: false, codec: compression),
            _ => HandBuiltParquet.Sample(compression),
        };
        var limit = TimeSpan.FromSeconds(2);
        var rng = new Random(seed);
        using var dir = new TempDirectory();
        string path = dir.File("fuzz.parquet");
        int failures = 0;
        for (int round = 0; round < 1_500; round++)
        {
            var bytes = (byte[])original.Clone();
            int kind = rng.Next(5);
            switch (kind)
            {
                case 0: // flip a few random bytes
                    for (int k = rng.Next(1, 6); k > 0; k--) bytes[rng.Next(bytes.Length)] ^= (byte)rng.Next(1, 256);
                    break;
                case 1: // corrupt the footer, where sizes and offsets live
                    for (int k = rng.Next(1, 4); k > 0; k--) bytes[bytes.Length - 9 - rng.Next(Math.Min(400, bytes.Length - 12))] = (byte)rng.Next(256);
                    break;
                case 2: // truncate and keep a tail that looks like a footer
                    bytes = [.. bytes[..rng.Next(4, bytes.Length)], .. original[^rng.Next(8, 200)..]];
                    break;
                case 3: // overwrite a run with 0xFF (huge varints and sizes)
                {
                    int at = rng.Next(bytes.Length), len = rng.Next(1, 12);
                    for (int k = at; k < Math.Min(bytes.Length, at + len); k++) bytes[k] = 0xFF;
                    break;
                }
                default: // a varint-shaped run (continuation bits set, then a stop byte): big counts and block sizes
                {
                    int at = rng.Next(bytes.Length), len = rng.Next(1, 5);
                    for (int k = at; k < Math.Min(bytes.Length, at + len); k++) bytes[k] = (byte)(0x80 | rng.Next(128));
                    if (at + len < bytes.Length) bytes[at + len] = (byte)rng.Next(128);
                    break;
                }
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var e = ReadAll(bytes, path);
            Assert.True(watch.Elapsed < limit, $"round {round} (mutation {kind}) took {watch.Elapsed}: {e?.Message}");
            if (e is null) continue;
            failures++;
            Assert.True(e is InvalidDataException or NotSupportedException,
                $"round {round}: {e.GetType().Name} instead of InvalidDataException: {e.Message}\n{e.StackTrace}");
            Assert.Contains(path, e.Message);
        }
        // Parquet has no checksums: flipped value bytes in a page decode as other values. Most structural damage must show.
        Assert.True(failures > 300, $"only {failures} of 1500 mutations were detected");
    }
}
