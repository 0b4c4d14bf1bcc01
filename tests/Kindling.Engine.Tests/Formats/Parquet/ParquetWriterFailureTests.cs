using Kindling.Formats.Parquet;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// Row groups encode in the background, one in flight while the next fills: a row group that fails to encode
/// surfaces its own error at the next flush (or at Dispose), and the writer then refuses more rows and writes
/// no footer, so the broken file is never a valid Parquet file.
/// </summary>
public sealed class ParquetWriterFailureTests
{
    private static readonly Schema Schema = new([new Field("id", ColumnType.Int64, Nullable: false)]);

    private static ColumnBatch Ids(long first, int rows, bool withNull = false)
    {
        var values = new long[rows];
        for (int i = 0; i < rows; i++) values[i] = first + i;
        byte[]? validity = null;
        if (withNull)
        {
            validity = Validity.AllValid(rows);
            Validity.SetNull(validity, rows / 2);
        }
        return new ColumnBatch(Schema, [new PrimitiveVector<long>(ColumnType.Int64, values, rows, validity, withNull ? 1 : 0)], rows);
    }

    [Fact]
    public void A_row_group_that_fails_to_encode_fails_the_next_flush_and_leaves_no_footer()
    {
        var stream = new MemoryStream();
        var writer = new ParquetWriter(stream, Schema, new ParquetWriteOptions { RowGroupRows = 100 });
        writer.WriteBatch(Ids(0, 100));                  // row group 0: encoding
        writer.WriteBatch(Ids(100, 100, withNull: true)); // row group 1 holds a null in a required column; group 0 is appended
        var error = Assert.Throws<InvalidOperationException>(() => writer.WriteBatch(Ids(200, 100))); // appending group 1 fails
        Assert.Contains("'id' is declared not nullable", error.Message);
        var refused = Assert.Throws<InvalidOperationException>(() => writer.WriteBatch(Ids(300, 100)));
        Assert.Contains("earlier row group", refused.Message);
        long length = stream.Length;
        writer.Dispose();
        Assert.Equal(length, stream.Length); // no footer
        Assert.False(stream.ToArray().AsSpan(stream.ToArray().Length - 4).SequenceEqual("PAR1"u8));
    }

    [Fact]
    public void The_last_row_group_fails_at_dispose()
    {
        var stream = new MemoryStream();
        var writer = new ParquetWriter(stream, Schema, new ParquetWriteOptions { RowGroupRows = 100 });
        writer.WriteBatch(Ids(0, 100));
        writer.WriteBatch(Ids(100, 50, withNull: true));
        Assert.Throws<InvalidOperationException>(writer.Dispose);
        Assert.False(stream.ToArray().AsSpan(stream.ToArray().Length - 4).SequenceEqual("PAR1"u8));
    }

    [Fact]
    public void Row_groups_in_flight_are_appended_in_order()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kindling-writer-order-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var stream = File.Create(path))
            using (var writer = new ParquetWriter(stream, Schema, new ParquetWriteOptions { RowGroupRows = 1_000 }))
                for (long first = 0; first < 25_500; first += 700) writer.WriteBatch(Ids(first, (int)Math.Min(700, 25_500 - first)));
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(26, reader.Metadata.RowGroups.Count);
            long expected = 0;
            foreach (var batch in reader.ReadBatches())
            {
                var ids = ((PrimitiveVector<long>)batch[0]).Values;
                for (int i = 0; i < batch.RowCount; i++) Assert.Equal(expected++, ids[i]);
            }
            Assert.Equal(25_500, expected);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
