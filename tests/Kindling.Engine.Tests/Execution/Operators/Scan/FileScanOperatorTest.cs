using Kindling.Engine.Tests.TestSupport;
using Kindling.Execution;
using Kindling.Execution.Operators.Scan;
using Kindling.Formats;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Operators.Scan;

public sealed class FileScanOperatorTest : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Schema Data = new([new Field("id", ColumnType.Int64), new Field("name", ColumnType.String)]);

    [Fact]
    public void ReadsDataAndPartitionColumnsInFileOrderAndPrunes()
    {
        for (int d = 1; d <= 12; d++)
            for (int p = 0; p < 3; p++)
                _dir.File($"t/dt=2024-03-{d:00}/part-{p}.csv", $"{d * 100 + p},n{d}\n{d * 100 + p + 50},m{d}\n");
        var set = PartitionDiscovery.Discover([Path.Combine(_dir.Path, "t")]);
        var scan = new FileScanOperator(FileFormats.Get("csv"), set, Data, ["dt", "id"], FormatOptions.Default,
            values => ((DateOnly)values[0]!).Day >= 11) { PartitionFilterText = "(dt >= 2024-03-11)" };
        Assert.Equal("FileScan csv [dt, id] files=6/36 partitionColumns=[dt] partitionFilter=(dt >= 2024-03-11)", scan.ToString());
        Assert.Equal("[dt: date, id: bigint]", scan.OutputSchema.ToString());
        var rows = Rows.Of(scan.Execute(new QueryContext(2)));
        var expected = new List<object?[]>();
        for (int d = 11; d <= 12; d++)
            for (int p = 0; p < 3; p++)
            {
                expected.Add([new DateOnly(2024, 3, d), (long)(d * 100 + p)]);
                expected.Add([new DateOnly(2024, 3, d), (long)(d * 100 + p + 50)]);
            }
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void CountOnlyScanAndUnknownColumns()
    {
        _dir.File("u/a.csv", "1,x\n2,y\n3,z\n");
        var set = PartitionDiscovery.Discover([Path.Combine(_dir.Path, "u")]);
        var scan = new FileScanOperator(FileFormats.Get("csv"), set, Data, [], FormatOptions.Default);
        Assert.Equal(3, scan.Execute(new QueryContext(1)).Sum(b => b.RowCount));
        var ex = Assert.Throws<ArgumentException>(() => new FileScanOperator(FileFormats.Get("csv"), set, Data, ["nope"], FormatOptions.Default));
        Assert.Contains("id, name", ex.Message);
    }

    [Fact]
    public void RecordErrorsArriveInFileOrderOnTheConsumerThread()
    {
        for (int f = 0; f < 20; f++)
            _dir.File($"e/part-{f:00}.csv", $"{f},ok\nbad{f},x\n");
        var set = PartitionDiscovery.Discover([Path.Combine(_dir.Path, "e")]);
        var errors = new List<(string File, long Line, int Thread)>();
        var options = new FormatOptions { RecordErrorSink = e => errors.Add((Path.GetFileName(e.File), e.Line, Environment.CurrentManagedThreadId)) };
        var scan = new FileScanOperator(FileFormats.Get("csv"), set, Data, ["id"], options);
        int consumer = Environment.CurrentManagedThreadId;
        var rows = Rows.Of(scan.Execute(new QueryContext(2)));
        Assert.Equal(40, rows.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(f => ($"part-{f:00}.csv", 2L, consumer)), errors);
    }
}
