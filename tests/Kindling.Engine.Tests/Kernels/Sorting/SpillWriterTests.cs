using Kindling.Kernels.Selection;
using Kindling.Kernels.Sorting;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels.Sorting;

public sealed class SpillWriterTests
{
    [Fact]
    public void Batches_Appended_One_At_A_Time_Read_Back_In_Order()
    {
        var schema = new Schema([new Field("i", ColumnType.Int32), new Field("s", ColumnType.String)]);
        ColumnBatch Batch(params object?[][] rows) => new(schema,
            [VectorFromObjects.Build(ColumnType.Int32, rows.Select(r => r[0]).ToList()), VectorFromObjects.Build(ColumnType.String, rows.Select(r => r[1]).ToList())],
            rows.Length);
        string path = Path.Combine(Path.GetTempPath(), $"spill-writer-test-{Guid.NewGuid():N}.bin");
        try
        {
            long length;
            using (var writer = new SpillWriter(path))
            {
                writer.Append(Batch([1, "a"], [null, "bc"]));
                writer.Append(Batch([3, null]));
                length = writer.Length;
            }
            Assert.True(length > 0);
            var read = SpillFile.Read(path, schema).ToList();
            Assert.Equal([2, 1], read.Select(b => b.RowCount));
            Assert.Equal([1, null, 3], read.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r => b[0].GetObject(r))));
            Assert.Equal(["a", "bc", null], read.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r => b[1].GetObject(r))));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
