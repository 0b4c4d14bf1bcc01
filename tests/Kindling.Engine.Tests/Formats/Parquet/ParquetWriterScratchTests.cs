using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Compression;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// The writer's scratch arrays come from a shared pool and hold whatever an earlier writer left in them: the bytes
/// of a file must not depend on that.
/// </summary>
public sealed class ParquetWriterScratchTests
{
    private static byte[] Write(int first, int rows, ParquetWriteOptions options)
    {
        var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, ContractTable.Schema, options))
            for (int start = 0; start < rows; start += 1_500)
                writer.WriteBatch(ContractTable.Batch(first + start, Math.Min(1_500, rows - start)));
        return stream.ToArray();
    }

    [Theory]
    [InlineData("snappy", false)]
    [InlineData("uncompressed", true)]
    public void A_file_is_the_same_whatever_earlier_writers_left_in_the_pool(string codec, bool pageV2)
    {
        var options = new ParquetWriteOptions { Codec = CompressionCodecs.Parse(codec), DataPageV2 = pageV2, RowGroupRows = 2_000, PageBytes = 4096 };
        byte[] before = Write(first: 7, rows: 4_321, options);
        // Larger files with other values fill the pooled arrays with their own bytes (and grow them)...
        for (int round = 0; round < 3; round++) Write(first: 100_000 * (round + 1), rows: 20_000, options);
        // ...which the same small file must not pick up.
        byte[] after = Write(first: 7, rows: 4_321, options);
        Assert.Equal(before, after);
    }
}
