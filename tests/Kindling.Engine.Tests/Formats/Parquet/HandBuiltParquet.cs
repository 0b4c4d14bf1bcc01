using System.Buffers.Binary;
using System.Text;
using Kindling.Formats.Parquet.Compression;
using Kindling.Formats.Parquet.Encodings;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// Builds Parquet files page by page, in the layouts Kindling's writer does not produce: data page v2 mixed
/// with v1, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT and RLE booleans,
/// under any codec. Deterministic (no external writer), so fuzzing and hostile-input tests can start from it.
/// </summary>
internal sealed class HandBuiltParquet(CompressionCodec codec)
{
    private readonly ICompressionCodec _codec = CompressionCodecs.Get(codec);
    // Each column's schema elements (a leaf, or a LIST group's elements ending in its leaf).
    private readonly List<SchemaElement[]> _elements = [];
    private readonly List<(byte[] Chunk, ParquetEncoding Encoding, long Uncompressed, long Values)> _chunks = [];
    private readonly MemoryStream _pages = new();
    private ParquetEncoding _encoding;
    private long _uncompressed;
    private long _values;

    /// <summary>Starts a column: pages added next belong to its chunk (one row group per file).</summary>
    public HandBuiltParquet Column(SchemaElement element, ParquetEncoding encoding) => Column([element], encoding);

    /// <summary>Starts a column of several schema elements (a LIST group's, in file order); the last is its leaf.</summary>
    public HandBuiltParquet Column(SchemaElement[] elements, ParquetEncoding encoding)
    {
        EndColumn();
        _elements.Add(elements);
        _encoding = encoding;
        return this;
    }

    private bool Repeated => _elements[^1].Length > 1 || _elements[^1][0].Repetition == FieldRepetition.Repeated;

    /// <summary>
    /// Adds a data page of a repeated column: <paramref name="repetition"/> and <paramref name="definition"/> levels
    /// (one per entry, encoded at the bit widths of 1 and <paramref name="maxDefinition"/>) and the values of the
    /// entries at <paramref name="maxDefinition"/>, already encoded.
    /// </summary>
    public HandBuiltParquet ListPage(bool v2, int[] repetition, int[] definition, int maxDefinition, byte[] values)
    {
        var rep = new ByteBuffer();
        RleBitPackedHybrid.Encode(repetition, 1, rep);
        var def = new ByteBuffer();
        RleBitPackedHybrid.Encode(definition, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxDefinition), def);
        byte[] repBytes = rep.Written.ToArray(), defBytes = def.Written.ToArray();
        var header = new PageHeader
        {
            Type = v2 ? PageType.DataPageV2 : PageType.DataPage, NumValues = repetition.Length, Encoding = _encoding,
            NumRows = repetition.Count(r => r == 0), NumNulls = definition.Count(d => d < maxDefinition),
        };
        byte[] body;
        if (v2)
        {
            header.RepetitionLevelsByteLength = repBytes.Length;
            header.DefinitionLevelsByteLength = defBytes.Length;
            header.IsCompressed = codec != CompressionCodec.Uncompressed;
            header.UncompressedSize = repBytes.Length + defBytes.Length + values.Length;
            body = [.. repBytes, .. defBytes, .. Compress(values)];
        }
        else
        {
            byte[] plain = [.. Int32(repBytes.Length), .. repBytes, .. Int32(defBytes.Length), .. defBytes, .. values];
            header.UncompressedSize = plain.Length;
            body = Compress(plain);
        }
        return Write(header, body, repetition.Length);
    }

    /// <summary>
    /// Adds a data page of <paramref name="rows"/> rows whose definition levels are <paramref name="levels"/>
    /// (null for a required column) and whose non-null values are <paramref name="values"/>, already encoded.
    /// Hostile pages: <paramref name="claimedValues"/> and <paramref name="claimedUncompressed"/> replace the
    /// header's counts, <paramref name="encodedLevels"/> the levels' bytes.
    /// </summary>
    public HandBuiltParquet Page(bool v2, int rows, int[]? levels, byte[] values, int? claimedValues = null, int? claimedUncompressed = null, byte[]? encodedLevels = null)
    {
        var header = new PageHeader { Type = v2 ? PageType.DataPageV2 : PageType.DataPage, NumValues = claimedValues ?? rows, Encoding = _encoding, NumRows = rows };
        byte[] levelBytes = [];
        if (levels is not null)
        {
            var buffer = new ByteBuffer();
            RleBitPackedHybrid.Encode(levels, 1, buffer);
            levelBytes = encodedLevels ?? buffer.Written.ToArray();
            header.NumNulls = levels.Count(l => l == 0);
        }
        byte[] body;
        if (v2)
        {
            // v2: levels uncompressed in front of the (possibly compressed) values.
            header.DefinitionLevelsByteLength = levelBytes.Length;
            header.IsCompressed = codec != CompressionCodec.Uncompressed;
            header.UncompressedSize = levelBytes.Length + values.Length;
            body = [.. levelBytes, .. Compress(values)];
        }
        else
        {
            byte[] plain = levels is null ? values : [.. Int32(levelBytes.Length), .. levelBytes, .. values];
            header.UncompressedSize = plain.Length;
            body = Compress(plain);
        }
        if (claimedUncompressed is not null) header.UncompressedSize = claimedUncompressed.Value;
        return Write(header, body, rows);
    }

    private HandBuiltParquet Write(PageHeader header, byte[] body, int values)
    {
        header.CompressedSize = body.Length;
        var w = new ThriftCompactWriter();
        header.Write(w);
        _pages.Write(w.Written);
        _pages.Write(body);
        _uncompressed += w.Written.Length + header.UncompressedSize;
        _values += values;
        return this;
    }

    /// <summary>Adds a PLAIN dictionary page of <paramref name="count"/> values.</summary>
    public HandBuiltParquet DictionaryPage(int count, byte[] values)
    {
        var body = Compress(values);
        var w = new ThriftCompactWriter();
        new PageHeader { Type = PageType.DictionaryPage, NumValues = count, Encoding = ParquetEncoding.Plain, UncompressedSize = values.Length, CompressedSize = body.Length }.Write(w);
        _pages.Write(w.Written);
        _pages.Write(body);
        _uncompressed += w.Written.Length + values.Length;
        return this;
    }

    private void EndColumn()
    {
        if (_elements.Count == _chunks.Count) return;
        _chunks.Add((_pages.ToArray(), _encoding, _uncompressed, Repeated ? _values : -1));
        _pages.SetLength(0);
        _uncompressed = _values = 0;
    }

    /// <summary>The file: one row group of <paramref name="rows"/> rows (what its metadata claims; pages may disagree).</summary>
    public byte[] Build(long rows)
    {
        EndColumn();
        using var file = new MemoryStream();
        file.Write("PAR1"u8);
        var group = new RowGroup { NumRows = rows };
        for (int c = 0; c < _chunks.Count; c++)
        {
            var (chunk, encoding, uncompressed, values) = _chunks[c];
            group.Columns.Add(new ColumnMetaData
            {
                Type = _elements[c][^1].Type!.Value,
                Encodings = [encoding, ParquetEncoding.Rle],
                PathInSchema = [.. _elements[c].Select(e => e.Name)],
                Codec = codec,
                NumValues = values < 0 ? rows : values, // a flat chunk claims the file's rows (hostile tests vary them)
                TotalCompressedSize = chunk.Length,
                TotalUncompressedSize = uncompressed,
                DataPageOffset = file.Position,
            });
            group.TotalByteSize += uncompressed;
            file.Write(chunk);
        }
        var metadata = new FileMetaData
        {
            Version = 2,
            NumRows = rows,
            RowGroups = [group],
            CreatedBy = "Kindling tests (hand-built)",
            Schema = [new SchemaElement { Name = "schema", NumChildren = _elements.Count }, .. _elements.SelectMany(e => e)],
        };
        return ParquetFileEnd.Finish(file, metadata);
    }

    private byte[] Compress(byte[] data)
    {
        var target = new byte[_codec.MaxCompressedLength(data.Length)];
        return target[.._codec.Compress(data, target)];
    }

    private static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    // ---- Value encodings (from Encodings.md) ----

    public static byte[] Delta(IEnumerable<long> values)
    {
        var buffer = new ByteBuffer();
        DeltaBinaryPacked.Encode([.. values], buffer);
        return buffer.Written.ToArray();
    }

    public static byte[] DeltaLength(IReadOnlyList<byte[]> values) => [.. Delta(values.Select(v => (long)v.Length)), .. values.SelectMany(v => v)];

    public static byte[] DeltaByteArray(IReadOnlyList<byte[]> values)
    {
        var prefixes = new long[values.Count];
        for (int i = 1; i < values.Count; i++)
        {
            int p = 0;
            while (p < values[i].Length && p < values[i - 1].Length && values[i][p] == values[i - 1][p]) p++;
            prefixes[i] = p;
        }
        var suffixes = values.Select((v, i) => v[(int)prefixes[i]..]).ToArray();
        return [.. Delta(prefixes), .. DeltaLength(suffixes)];
    }

    public static byte[] ByteStreamSplit(byte[] plain, int width) => ParquetSpecEncoders.ByteStreamSplit(plain, width);

    /// <summary>RLE-encoded booleans: a 4-byte length, then the hybrid at bit width 1.</summary>
    public static byte[] RleBooleans(IEnumerable<bool> values)
    {
        var buffer = new ByteBuffer();
        RleBitPackedHybrid.Encode([.. values.Select(v => v ? 1 : 0)], 1, buffer);
        return [.. Int32(buffer.Length), .. buffer.Written];
    }

    public static byte[] Plain<T>(IEnumerable<T> values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes<T>([.. values]).ToArray();

    public static byte[] PlainByteArrays(IEnumerable<byte[]> values) => ParquetSpecEncoders.PlainByteArrays(values);

    // ---- A sample table covering every encoding above, its values simple formulas of the row index ----

    public static bool IsNull(string column, int i) => column switch
    {
        "i64" => i % 5 == 0,
        "s" => i % 13 == 0,
        "f" => i % 11 == 0,
        "dec" => i % 6 == 1,
        "b" => i % 7 == 3,
        _ => false,
    };

    public static int Int32Value(int i) => i % 50 == 7 ? int.MinValue : i * 7 - 1000;
    public static long Int64Value(int i) => i % 31 == 3 ? long.MaxValue : i * 1_000_000_007L - 5_000_000_000_000L;
    public static string StringValue(int i) => i % 17 == 0 ? "" : $"name-{i % 50} Zoë {(i % 4 == 0 ? "東京" : "x")}";
    public static string PrefixedValue(int i) => $"https://example.com/items/{i / 10:D4}/{i % 10}{(i % 3 == 0 ? "/detail" : "")}";
    public static float FloatValue(int i) => i * 0.5f - 100;
    public static double DoubleValue(int i) => i * 0.25 - 1e6;
    public static long DecimalUnscaled(int i) => i * 12_345L - 500_000L;
    public static bool BoolValue(int i) => i % 3 == 0;

    public static readonly string[] SampleColumns = ["i32", "i64", "s", "p", "f", "d", "dec", "b"];

    /// <summary>The sample table's value at row <paramref name="i"/> as the reader's GetObject returns it.</summary>
    public static object? Expected(string column, int i) => IsNull(column, i) ? null : column switch
    {
        "i32" => Int32Value(i),
        "i64" => Int64Value(i),
        "s" => StringValue(i),
        "p" => PrefixedValue(i),
        "f" => FloatValue(i),
        "d" => DoubleValue(i),
        "dec" => DecimalUnscaled(i) / 1000m,
        "b" => BoolValue(i),
        _ => throw new ArgumentException(column),
    };

    /// <summary>
    /// The sample table in pages of <paramref name="pageRows"/> rows, alternating data page v2 and v1.
    /// </summary>
    public static byte[] Sample(CompressionCodec codec, int rows = 200, int pageRows = 48)
    {
        var b = new HandBuiltParquet(codec);
        void Pages(string name, Func<int[], byte[]> encode)
        {
            for (int start = 0, k = 0; start < rows; start += pageRows, k++)
            {
                int n = Math.Min(pageRows, rows - start);
                var pageIndices = Enumerable.Range(start, n).ToArray();
                int[]? levels = b._elements[^1][0].Repetition == FieldRepetition.Optional ? [.. pageIndices.Select(i => IsNull(name, i) ? 0 : 1)] : null;
                b.Page(v2: k % 2 == 0, n, levels, encode([.. pageIndices.Where(i => !IsNull(name, i))]));
            }
        }
        SchemaElement Element(string name, PhysicalType type, bool optional) =>
            new() { Name = name, Type = type, Repetition = optional ? FieldRepetition.Optional : FieldRepetition.Required };

        b.Column(Element("i32", PhysicalType.Int32, false), ParquetEncoding.DeltaBinaryPacked);
        Pages("i32", v => Delta(v.Select(i => (long)Int32Value(i))));
        b.Column(Element("i64", PhysicalType.Int64, true), ParquetEncoding.DeltaBinaryPacked);
        Pages("i64", v => Delta(v.Select(Int64Value)));
        var s = Element("s", PhysicalType.ByteArray, true);
        s.ConvertedType = ConvertedType.Utf8;
        b.Column(s, ParquetEncoding.DeltaLengthByteArray);
        Pages("s", v => DeltaLength([.. v.Select(i => Encoding.UTF8.GetBytes(StringValue(i)))]));
        var p = Element("p", PhysicalType.ByteArray, false);
        p.ConvertedType = ConvertedType.Utf8;
        b.Column(p, ParquetEncoding.DeltaByteArray);
        Pages("p", v => DeltaByteArray([.. v.Select(i => Encoding.UTF8.GetBytes(PrefixedValue(i)))]));
        b.Column(Element("f", PhysicalType.Float, true), ParquetEncoding.ByteStreamSplit);
        Pages("f", v => ByteStreamSplit(Plain(v.Select(FloatValue)), 4));
        b.Column(Element("d", PhysicalType.Double, false), ParquetEncoding.ByteStreamSplit);
        Pages("d", v => ByteStreamSplit(Plain(v.Select(DoubleValue)), 8));
        var dec = Element("dec", PhysicalType.FixedLenByteArray, true);
        dec.TypeLength = 8;
        dec.ConvertedType = ConvertedType.Decimal;
        dec.Precision = 18;
        dec.Scale = 3;
        b.Column(dec, ParquetEncoding.ByteStreamSplit);
        Pages("dec", v => ByteStreamSplit([.. v.SelectMany(i => BigEndian(DecimalUnscaled(i)))], 8));
        b.Column(Element("b", PhysicalType.Boolean, true), ParquetEncoding.Rle);
        Pages("b", v => RleBooleans(v.Select(BoolValue)));
        return b.Build(rows);
    }

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }
}
