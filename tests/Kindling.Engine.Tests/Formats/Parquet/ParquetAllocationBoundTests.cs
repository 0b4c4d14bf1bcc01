using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Encodings;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>Measures whole-process allocation, so it runs alone, not beside other test classes.</summary>
[CollectionDefinition(nameof(AllocationMeasuring), DisableParallelization = true)]
public sealed class AllocationMeasuring;

/// <summary>
/// A small file whose metadata and page headers claim tens of millions of rows (but whose pages hold a few
/// values) fails with InvalidDataException before the reader allocates buffers for the claimed counts.
/// </summary>
[Collection(nameof(AllocationMeasuring))]
public sealed class ParquetAllocationBoundTests
{
    private const int Claimed = 60_000_000;
    private const long Bound = 64L << 20;

    private static SchemaElement Element(PhysicalType type, bool optional) =>
        new() { Name = "x", Type = type, Repetition = optional ? FieldRepetition.Optional : FieldRepetition.Required };

    /// <summary>Levels for 16 rows, bit-packed (not one run): the page's RLE stream holds 16 values, not 60 million.</summary>
    private static readonly int[] SixteenLevels = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1];

    private static byte[] Hostile(string kind)
    {
        var eight = HandBuiltParquet.Plain<long>([1]);
        return kind switch
        {
            // Required PLAIN INT64 whose page claims 60M values in 8 bytes (the direct-to-dense path).
            "plain-required" => new HandBuiltParquet(CompressionCodec.Uncompressed).Column(Element(PhysicalType.Int64, false), ParquetEncoding.Plain)
                .Page(false, 1, null, eight, claimedValues: Claimed).Build(Claimed),
            // Optional PLAIN INT64, levels one run of 60M ones, values 8 bytes.
            "plain-optional" => new HandBuiltParquet(CompressionCodec.Uncompressed).Column(Element(PhysicalType.Int64, true), ParquetEncoding.Plain)
                .Page(false, Claimed, [1], eight, encodedLevels: OneRun(Claimed, 1)).Build(Claimed),
            // Optional column whose page claims 60M levels in a 16-value RLE stream (v1 and v2).
            "levels-v1" => new HandBuiltParquet(CompressionCodec.Snappy).Column(Element(PhysicalType.Int64, true), ParquetEncoding.Plain)
                .Page(false, 16, SixteenLevels, HandBuiltParquet.Plain<long>(new long[10]), claimedValues: Claimed).Build(Claimed),
            "levels-v2" => new HandBuiltParquet(CompressionCodec.Zstd).Column(Element(PhysicalType.Double, true), ParquetEncoding.Plain)
                .Page(true, 16, SixteenLevels, HandBuiltParquet.Plain<double>(new double[10]), claimedValues: Claimed).Build(Claimed),
            // Dictionary indices: 16 in the stream, 60M claimed, for a fixed-width and a string column.
            "indices" => new HandBuiltParquet(CompressionCodec.Uncompressed).Column(Element(PhysicalType.Int64, false), ParquetEncoding.RleDictionary)
                .DictionaryPage(2, HandBuiltParquet.Plain<long>([5, 6]))
                .Page(false, 16, null, Indices(16), claimedValues: Claimed).Build(Claimed),
            "string-indices" => new HandBuiltParquet(CompressionCodec.Gzip).Column(Utf8(false), ParquetEncoding.RleDictionary)
                .DictionaryPage(2, HandBuiltParquet.PlainByteArrays([[65], [66]]))
                .Page(true, 16, null, Indices(16), claimedValues: Claimed).Build(Claimed),
            // DELTA streams whose headers agree with the page's 60M values but whose blocks hold 16.
            "delta" => new HandBuiltParquet(CompressionCodec.Uncompressed).Column(Element(PhysicalType.Int64, false), ParquetEncoding.DeltaBinaryPacked)
                .Page(false, 16, null, ClaimingDelta(Claimed, 16), claimedValues: Claimed).Build(Claimed),
            "delta-int32" => new HandBuiltParquet(CompressionCodec.Lz4Raw).Column(Element(PhysicalType.Int32, false), ParquetEncoding.DeltaBinaryPacked)
                .Page(true, 16, null, ClaimingDelta(Claimed, 16), claimedValues: Claimed).Build(Claimed),
            "delta-length" => new HandBuiltParquet(CompressionCodec.Uncompressed).Column(Utf8(false), ParquetEncoding.DeltaLengthByteArray)
                .Page(false, 16, null, [.. ClaimingDelta(Claimed, 16), .. "abcdefghijklmnop"u8], claimedValues: Claimed).Build(Claimed),
            "delta-byte-array" => new HandBuiltParquet(CompressionCodec.Uncompressed).Column(Utf8(false), ParquetEncoding.DeltaByteArray)
                .Page(false, 16, null, [.. ClaimingDelta(Claimed, 16), .. ClaimingDelta(Claimed, 16)], claimedValues: Claimed).Build(Claimed),
            // RLE booleans: 16 in the stream, 60M claimed.
            "booleans" => new HandBuiltParquet(CompressionCodec.Uncompressed).Column(Element(PhysicalType.Boolean, false), ParquetEncoding.Rle)
                .Page(false, 16, null, HandBuiltParquet.RleBooleans(SixteenLevels.Select(l => l == 1)), claimedValues: Claimed).Build(Claimed),
            // A snappy page of a few bytes that claims to decompress to 200 MB.
            "decompressed-size" => new HandBuiltParquet(CompressionCodec.Snappy).Column(Element(PhysicalType.Int64, true), ParquetEncoding.Plain)
                .Page(false, 16, SixteenLevels, HandBuiltParquet.Plain<long>(new long[10]), claimedUncompressed: 200 << 20).Build(16),
            _ => throw new ArgumentException(kind),
        };
    }

    /// <summary>Levels as one RLE run of <paramref name="count"/> copies of <paramref name="level"/>.</summary>
    private static byte[] OneRun(int count, int level)
    {
        var buffer = new ByteBuffer();
        buffer.WriteVarint((ulong)count << 1);
        buffer.WriteByte((byte)level);
        return buffer.Written.ToArray();
    }

    private static SchemaElement Utf8(bool optional)
    {
        var e = Element(PhysicalType.ByteArray, optional);
        e.ConvertedType = ConvertedType.Utf8;
        return e;
    }

    /// <summary>Dictionary indices at bit width 1, bit-packed: <paramref name="count"/> values, alternating 0 and 1.</summary>
    private static byte[] Indices(int count)
    {
        var buffer = new ByteBuffer();
        buffer.WriteByte(1);
        RleBitPackedHybrid.Encode([.. Enumerable.Range(0, count).Select(i => i % 2)], 1, buffer);
        return buffer.Written.ToArray();
    }

    /// <summary>A DELTA_BINARY_PACKED stream of <paramref name="actual"/> values whose header claims <paramref name="claimed"/>.</summary>
    private static byte[] ClaimingDelta(int claimed, int actual)
    {
        var encoded = HandBuiltParquet.Delta(Enumerable.Range(0, actual).Select(i => (long)i * 3));
        int pos = 0;
        ulong blockSize = Varint.Read(encoded, ref pos, "test"), miniblocks = Varint.Read(encoded, ref pos, "test");
        Varint.Read(encoded, ref pos, "test"); // the true count, replaced
        var header = new ByteBuffer();
        header.WriteVarint(blockSize);
        header.WriteVarint(miniblocks);
        header.WriteVarint((ulong)claimed);
        return [.. header.Written, .. encoded.AsSpan(pos)];
    }

    private static Exception? Read(string path, bool wholeRowGroups)
    {
        try
        {
            using var reader = ParquetFileReader.Open(path);
            if (wholeRowGroups) reader.ReadRowGroup(0);
            else foreach (var _ in reader.ReadBatches()) { }
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Theory]
    [InlineData("plain-required")]
    [InlineData("plain-optional")]
    [InlineData("levels-v1")]
    [InlineData("levels-v2")]
    [InlineData("indices")]
    [InlineData("string-indices")]
    [InlineData("delta")]
    [InlineData("delta-int32")]
    [InlineData("delta-length")]
    [InlineData("delta-byte-array")]
    [InlineData("booleans")]
    [InlineData("decompressed-size")]
    public void A_small_file_claiming_millions_of_rows_fails_without_allocating_for_them(string kind)
    {
        var bytes = Hostile(kind);
        Assert.True(bytes.Length < 4096, $"{bytes.Length} bytes");
        using var dir = new TempDirectory();
        string path = dir.File("hostile.parquet");
        File.WriteAllBytes(path, bytes);
        foreach (bool wholeRowGroups in new[] { false, true })
        {
            Read(path, wholeRowGroups); // warm up (JIT, pools), so the measurement sees the reader only
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var e = Read(path, wholeRowGroups);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            var corrupt = Assert.IsType<InvalidDataException>(e);
            Assert.Contains(path, corrupt.Message);
            Assert.True(allocated < Bound, $"{kind} ({(wholeRowGroups ? "ReadRowGroup" : "ReadBatches")}): allocated {allocated >> 20} MB before failing: {corrupt.Message}");
        }
    }

    /// <summary>The same claims in a consistent file are honoured: a page of 2^20 rows encoded in a few bytes reads back.</summary>
    [Fact]
    public void A_consistent_page_of_many_rows_in_few_bytes_still_reads()
    {
        const int rows = 1 << 20;
        var file = new HandBuiltParquet(CompressionCodec.Uncompressed).Column(Element(PhysicalType.Int64, true), ParquetEncoding.Plain)
            .Page(false, rows, [0], [], encodedLevels: OneRun(rows, 0)).Build(rows); // all null: one RLE run of zeros
        using var dir = new TempDirectory();
        string path = dir.File("nulls.parquet");
        File.WriteAllBytes(path, file);
        using var reader = ParquetFileReader.Open(path);
        long nulls = 0, total = 0;
        foreach (var batch in reader.ReadBatches())
        {
            total += batch.RowCount;
            nulls += batch[0].NullCount;
        }
        Assert.Equal(rows, total);
        Assert.Equal(rows, nulls);
    }
}
