using Kindling.Engine.Tests.TestSupport;
using Kindling.Execution;
using Kindling.Execution.Operators.Scan;
using Kindling.Execution.Operators.Source;
using Kindling.Execution.Write;
using Kindling.Formats;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Write;

/// <summary>Values written as partition folders by FileWriteJob come back unchanged through PartitionDiscovery.</summary>
public sealed class PartitionRoundTripTest : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SpecialCharactersSurviveEscaping()
    {
        var schema = new Schema([new Field("id", ColumnType.Int64), new Field("p", ColumnType.String)]);
        string[] values = ["a b", "100%", "x=y", "Zürich", "q?#*", "tab\t", "[a]{b}^", "back\\slash", "quote\"'", "colon:1"];
        var batch = Rows.Batch(schema, values.Select((v, i) => new object?[] { (long)i, v }).ToArray());
        string path = Path.Combine(_dir.Path, "t");
        FileWriteJob.Run(new InMemorySourceOperator(schema, [batch]), new QueryContext(2), path, FileFormats.Get("json"), WriteMode.ErrorIfExists, ["p"], FormatOptions.Default, false);
        Assert.True(Directory.Exists(Path.Combine(path, "p=x%3Dy")));
        Assert.True(Directory.Exists(Path.Combine(path, "p=100%25")));
        var set = PartitionDiscovery.Discover([path]);
        var data = new Schema([new Field("id", ColumnType.Int64)]);
        var rows = Rows.Of(new FileScanOperator(FileFormats.Get("json"), set, data, ["id", "p"], FormatOptions.Default).Execute(new QueryContext(2)))
            .OrderBy(r => (long)r[0]!).ToList();
        Assert.Equal(values, rows.Select(r => (string)r[1]!));
    }

    [Fact]
    public void DatesIntsAndTimestampsComeBackTyped()
    {
        var schema = new Schema([new Field("v", ColumnType.String), new Field("d", ColumnType.Date), new Field("n", ColumnType.Int32), new Field("t", ColumnType.Timestamp)]);
        var batch = Rows.Batch(schema,
            ["a", new DateOnly(2024, 3, 1), 7, new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc)],
            ["b", new DateOnly(2024, 3, 2), -1, new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc)]);
        string path = Path.Combine(_dir.Path, "typed");
        FileWriteJob.Run(new InMemorySourceOperator(schema, [batch]), new QueryContext(1), path, FileFormats.Get("text"), WriteMode.Overwrite, ["d", "n", "t"], FormatOptions.Default, false);
        Assert.True(Directory.Exists(Path.Combine(path, "d=2024-03-01", "n=7", "t=2024-03-01 13%3A05%3A22")));
        var set = PartitionDiscovery.Discover([path]);
        Assert.Equal("[d: date, n: int, t: timestamp]", set.PartitionSchema.ToString());
        var rows = Rows.Of(new FileScanOperator(FileFormats.Get("text"), set, new Schema([new Field("value", ColumnType.String)]), ["value", "d", "n", "t"], FormatOptions.Default)
            .Execute(new QueryContext(1)));
        Assert.Equal([
            ["a", new DateOnly(2024, 3, 1), 7, new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc)],
            ["b", new DateOnly(2024, 3, 2), -1, new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc)]], rows);
    }
}
