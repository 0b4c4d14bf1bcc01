using Kindling.Engine.Tests.TestSupport;
using Kindling.Execution;
using Kindling.Execution.Operators.Scan;
using Kindling.Execution.Operators.Source;
using Kindling.Execution.Write;
using Kindling.Formats;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Write;

public sealed class FileWriteJobTest : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly QueryContext Context = new(2);
    private static readonly Schema Schema = new([new Field("id", ColumnType.Int64), new Field("name", ColumnType.String), new Field("dt", ColumnType.String)]);
    private static readonly Schema Data = new([new Field("id", ColumnType.Int64), new Field("name", ColumnType.String)]);

    public void Dispose() => _dir.Dispose();

    private string Out => Path.Combine(_dir.Path, "out");

    private static PhysicalOperator Source(params object?[][] rows) => new InMemorySourceOperator(Schema, [Rows.Batch(Schema, rows)]);

    private long Write(PhysicalOperator input, WriteMode mode, bool partitioned = true, bool dynamic = false, Dictionary<string, string>? options = null) =>
        FileWriteJob.Run(input, Context, Out, FileFormats.Get("csv"), mode, partitioned ? ["dt"] : [], new FormatOptions(options), dynamic);

    private List<object?[]> ReadBack()
    {
        var set = PartitionDiscovery.Discover([Out], inferTypes: false);
        var columns = set.PartitionSchema.Count > 0 ? new[] { "id", "name", "dt" } : new[] { "id", "name", "dt" }.Take(3).ToArray();
        var schema = set.PartitionSchema.Count > 0 ? Data : Schema;
        return Rows.Of(new FileScanOperator(FileFormats.Get("csv"), set, schema, columns, FormatOptions.Default).Execute(Context))
            .OrderBy(r => (long)r[0]!).ToList();
    }

    private sealed class FailingOperator(Schema schema, ColumnBatch first) : PhysicalOperator(schema)
    {
        public override string Name => "Failing";

        public override IEnumerable<ColumnBatch> Execute(QueryContext context)
        {
            yield return first;
            throw new InvalidOperationException("boom");
        }
    }

    [Fact]
    public void WritesHivePartitionsWithSuccessFilesAndEscapedNames()
    {
        long n = Write(Source([1L, "a", "2024-03-01"], [2L, "b", "2024-03-02"], [3L, "c", "2024-03-01"], [4L, "d", "x/y"], [5L, "e", null]), WriteMode.ErrorIfExists);
        Assert.Equal(5, n);
        Assert.True(File.Exists(Path.Combine(Out, "_SUCCESS")));
        foreach (string folder in new[] { "dt=2024-03-01", "dt=2024-03-02", "dt=x%2Fy", "dt=__HIVE_DEFAULT_PARTITION__" })
        {
            Assert.True(File.Exists(Path.Combine(Out, folder, "_SUCCESS")), folder);
            var part = Assert.Single(Directory.GetFiles(Path.Combine(Out, folder), "part-*"));
            Assert.Matches(@"part-\d{5}-[0-9a-f\-]{36}\.csv$", part);
        }
        Assert.False(Directory.Exists(Path.Combine(Out, "_temporary")));
        Assert.Equal("1,a\n3,c\n", File.ReadAllText(Directory.GetFiles(Path.Combine(Out, "dt=2024-03-01"), "part-*")[0]));
        Assert.Equal([[1L, "a", "2024-03-01"], [2L, "b", "2024-03-02"], [3L, "c", "2024-03-01"], [4L, "d", "x/y"], [5L, "e", null]], ReadBack());
    }

    [Fact]
    public void ErrorIfExistsAndIgnore()
    {
        Write(Source([1L, "a", "d1"]), WriteMode.ErrorIfExists);
        var ex = Assert.Throws<IOException>(() => Write(Source([2L, "b", "d1"]), WriteMode.ErrorIfExists));
        Assert.Contains("already exists", ex.Message);
        Assert.Contains("Overwrite", ex.Message);
        Assert.Equal(0, Write(Source([2L, "b", "d1"]), WriteMode.Ignore));
        Assert.Equal([[1L, "a", "d1"]], ReadBack());
    }

    [Fact]
    public void AppendAddsFiles()
    {
        Write(Source([1L, "a", "d1"]), WriteMode.Append);
        Write(Source([2L, "b", "d1"], [3L, "c", "d2"]), WriteMode.Append);
        Assert.Equal([[1L, "a", "d1"], [2L, "b", "d1"], [3L, "c", "d2"]], ReadBack());
        Assert.Equal(2, Directory.GetFiles(Path.Combine(Out, "dt=d1"), "part-*").Length);
    }

    [Fact]
    public void OverwriteReplacesEverythingAndRerunIsIdempotent()
    {
        Write(Source([1L, "a", "d1"], [2L, "b", "d2"]), WriteMode.Overwrite);
        Write(Source([3L, "c", "d3"]), WriteMode.Overwrite);
        Write(Source([3L, "c", "d3"]), WriteMode.Overwrite);
        Assert.Equal([[3L, "c", "d3"]], ReadBack());
        Assert.Equal(new[] { "_SUCCESS", "dt=d3" }, Directory.GetFileSystemEntries(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Single(Directory.GetFiles(Path.Combine(Out, "dt=d3"), "part-*"));
    }

    [Fact]
    public void DynamicPartitionOverwriteKeepsOtherPartitions()
    {
        Write(Source([1L, "a", "d1"], [2L, "b", "d2"]), WriteMode.Overwrite);
        Write(Source([3L, "c", "d2"], [4L, "d", "d3"]), WriteMode.Overwrite, dynamic: true);
        Assert.Equal([[1L, "a", "d1"], [3L, "c", "d2"], [4L, "d", "d3"]], ReadBack());
        Assert.Single(Directory.GetFiles(Path.Combine(Out, "dt=d2"), "part-*"));
    }

    [Fact]
    public void FailedJobLeavesPreviousDataIntactAndNoTemporaryFiles()
    {
        Write(Source([1L, "a", "d1"]), WriteMode.Overwrite);
        var before = Directory.GetFiles(Out, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var failing = new FailingOperator(Schema, Rows.Batch(Schema, [9L, "z", "d9"]));
        Assert.Throws<InvalidOperationException>(() => Write(failing, WriteMode.Overwrite));
        Assert.Throws<InvalidOperationException>(() => Write(failing, WriteMode.Overwrite, partitioned: false));
        Assert.Equal(before, Directory.GetFiles(Out, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray());
        Assert.False(Directory.Exists(Path.Combine(Out, "_temporary")));
        Assert.Equal([[1L, "a", "d1"]], ReadBack());

        string fresh = Path.Combine(_dir.Path, "fresh");
        Assert.Throws<InvalidOperationException>(() => FileWriteJob.Run(failing, Context, fresh, FileFormats.Get("csv"), WriteMode.ErrorIfExists, [], FormatOptions.Default, false));
        Assert.False(Directory.Exists(fresh));
    }

    [Fact]
    public void RollsPartFilesAtMaxRecordsPerFile()
    {
        var rows = Enumerable.Range(0, 10).Select(i => new object?[] { (long)i, "n", "d" }).ToArray();
        Assert.Equal(10, Write(Source(rows), WriteMode.Overwrite, partitioned: false, options: new() { ["maxRecordsPerFile"] = "4" }));
        var parts = Directory.GetFiles(Out, "part-*").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, parts.Length);
        Assert.Equal([4, 4, 2], parts.Select(p => File.ReadAllLines(p).Length));
        Assert.Equal(10, Write(Source(rows), WriteMode.Overwrite, options: new() { ["maxRecordsPerFile"] = "3" }));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(Out, "dt=d"), "part-*").Length);
    }

    [Fact]
    public void EmptyUnpartitionedOutputWritesOneHeaderFile()
    {
        var empty = new InMemorySourceOperator(Schema, []);
        Assert.Equal(0, FileWriteJob.Run(empty, Context, Out, FileFormats.Get("csv"), WriteMode.Overwrite, [], new FormatOptions(new Dictionary<string, string> { ["header"] = "true" }), false));
        Assert.Equal("id,name,dt\n", File.ReadAllText(Assert.Single(Directory.GetFiles(Out, "part-*"))));
        Assert.True(File.Exists(Path.Combine(Out, "_SUCCESS")));
    }
}
