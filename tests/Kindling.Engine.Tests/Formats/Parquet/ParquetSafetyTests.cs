using System.Buffers.Binary;
using Kindling.Formats.Parquet;
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
                    if (column is StringVector s) for (int r = 0; r < s.Length; r++) s.GetBytes(r);
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

    [Theory]
    [InlineData("none", 1)]
    [InlineData("snappy", 2)]
    [InlineData("zstd", 3)]
    public void Thousands_of_mutated_files_fail_cleanly(string codec, int seed)
    {
        var original = ValidFile(new ParquetWriteOptions { Codec = Kindling.Formats.Parquet.Compression.CompressionCodecs.Parse(codec), PageBytes = 512 }, rows: 200);
        var rng = new Random(seed);
        using var dir = new TempDirectory();
        string path = dir.File("fuzz.parquet");
        int failures = 0;
        for (int round = 0; round < 1_500; round++)
        {
            var bytes = (byte[])original.Clone();
            switch (rng.Next(4))
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
                default: // overwrite a run with 0xFF (huge varints and sizes)
                    int at = rng.Next(bytes.Length), len = rng.Next(1, 12);
                    for (int k = at; k < Math.Min(bytes.Length, at + len); k++) bytes[k] = 0xFF;
                    break;
            }
            var e = ReadAll(bytes, path);
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
