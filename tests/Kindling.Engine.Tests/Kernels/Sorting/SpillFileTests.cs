using Kindling.Kernels.Selection;
using Kindling.Kernels.Sorting;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels.Sorting;

/// <summary>Spilled batches read back equal to what was written, arrays (nested, with null rows and elements) included.</summary>
public sealed class SpillFileTests
{
    [Fact]
    public void Round_trips_arrays_strings_and_numbers()
    {
        var schema = new Schema([
            new Field("id", ColumnType.Int64),
            new Field("tags", ColumnType.Array(ColumnType.String)),
            new Field("nested", ColumnType.Array(ColumnType.Array(ColumnType.Int32))),
        ]);
        object?[] ids = [1L, null, 3L];
        object?[] tags = [new object?[] { "a", null, "" }, null, Array.Empty<object?>()];
        object?[] nested = [new object?[] { new object?[] { 1, 2 }, null }, new object?[] { Array.Empty<object?>() }, null];
        var batch = new ColumnBatch(schema, [
            VectorFromObjects.Build(schema[0].Type, ids),
            VectorFromObjects.Build(schema[1].Type, tags),
            VectorFromObjects.Build(schema[2].Type, nested),
        ], 3);
        string path = Path.Combine(Path.GetTempPath(), "kindling-spill-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            SpillFile.Write(path, [batch, batch]);
            var back = SpillFile.Read(path, schema).ToList();
            Assert.Equal(2, back.Count);
            foreach (var b in back)
            {
                Assert.Equal(ids, Enumerable.Range(0, 3).Select(b[0].GetObject));
                Assert.Equal(tags, Enumerable.Range(0, 3).Select(b[1].GetObject));
                Assert.Equal(nested, Enumerable.Range(0, 3).Select(b[2].GetObject));
                Assert.Equal(1, b[1].NullCount);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
