using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>
/// The session is process-wide and Builder options apply to the active one, so tests that set session
/// options run alone (after the parallel tests) and stop the session they made; the next TestSession.Get()
/// starts a fresh one with the defaults.
/// </summary>
[CollectionDefinition(nameof(SessionConfigCollection), DisableParallelization = true)]
public sealed class SessionConfigCollection;

[Collection(nameof(SessionConfigCollection))]
public sealed class SessionConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SessionConfigTests() => StopActive();

    public void Dispose()
    {
        StopActive();
        _dir.Dispose();
    }

    private static void StopActive() => SparkSession.Builder().GetOrCreate().Stop();

    private static DataFrame Days(SparkSession spark, params (long Id, string Dt, int Qty)[] rows)
    {
        var schema = new StructType([new StructField("id", new LongType()), new StructField("dt", new StringType()), new StructField("qty", new IntegerType())]);
        return spark.CreateDataFrame(rows.Select(r => new GenericRow([r.Id, r.Dt, r.Qty])), schema);
    }

    private static List<(long Id, string Dt, int Qty)> ReadBack(SparkSession spark, string path) =>
        [.. spark.Read().Option("header", true).Schema("id BIGINT, qty INT, dt STRING").Csv(path).OrderBy("id").Collect()
            .Select(r => ((long)r.Get("id"), (string)r.Get("dt"), (int)r.Get("qty")))];

    private string WriteTwoDays(SparkSession spark)
    {
        string path = Path.Combine(_dir.Path, "t");
        Days(spark, (1, "2024-03-01", 1), (2, "2024-03-02", 2)).Write().PartitionBy("dt").Option("header", true).Csv(path);
        return path;
    }

    [Fact]
    public void Session_Dynamic_Partition_Overwrite_Replaces_Only_The_Written_Partitions()
    {
        var spark = SparkSession.Builder().Master("local[2]").Config("spark.sql.sources.partitionOverwriteMode", "dynamic").GetOrCreate();
        string path = WriteTwoDays(spark);
        Days(spark, (3, "2024-03-02", 9), (4, "2024-03-03", 4)).Write().Mode(SaveMode.Overwrite).PartitionBy("dt").Option("header", true).Csv(path);
        // 03-01 untouched, 03-02 replaced (row 2 gone), 03-03 added
        Assert.Equal([(1L, "2024-03-01", 1), (3L, "2024-03-02", 9), (4L, "2024-03-03", 4)], ReadBack(spark, path));
        Assert.True(Directory.Exists(Path.Combine(path, "dt=2024-03-01")));
    }

    [Fact]
    public void Static_Default_Overwrite_Replaces_Everything()
    {
        var spark = SparkSession.Builder().Master("local[2]").GetOrCreate();
        string path = WriteTwoDays(spark);
        Days(spark, (3, "2024-03-02", 9)).Write().Mode(SaveMode.Overwrite).PartitionBy("dt").Option("header", true).Csv(path);
        Assert.Equal([(3L, "2024-03-02", 9)], ReadBack(spark, path));
        Assert.False(Directory.Exists(Path.Combine(path, "dt=2024-03-01")));
    }

    [Fact]
    public void Writer_Option_Static_Overrides_A_Dynamic_Session()
    {
        var spark = SparkSession.Builder().Master("local[2]").Config("spark.sql.sources.partitionOverwriteMode", "dynamic").GetOrCreate();
        string path = WriteTwoDays(spark);
        Days(spark, (3, "2024-03-02", 9)).Write().Mode(SaveMode.Overwrite).Option("partitionOverwriteMode", "static").PartitionBy("dt").Option("header", true).Csv(path);
        Assert.Equal([(3L, "2024-03-02", 9)], ReadBack(spark, path));
    }

    [Theory]
    [InlineData("local[3]", 3)]
    [InlineData("local", 1)]
    [InlineData("local[1]", 1)]
    [InlineData(" local[5] ", 5)]
    public void Master_Sets_The_Degree_Of_Parallelism(string master, int expected)
    {
        var spark = SparkSession.Builder().Master(master).GetOrCreate();
        Assert.Equal(expected, spark.DegreeOfParallelism);
        var df = spark.Range(1000).GroupBy(Col("id") % 7).Count();
        Assert.Equal(expected, df.NewExecution().Context.DegreeOfParallelism);
        Assert.Equal(7, df.Collect().Count());
    }

    [Fact]
    public void Master_Star_Is_The_Processor_Count()
    {
        var spark = SparkSession.Builder().Master("local[*]").GetOrCreate();
        Assert.Equal(Environment.ProcessorCount, spark.DegreeOfParallelism);
        Assert.Equal(Environment.ProcessorCount, spark.Range(5).NewExecution().Context.DegreeOfParallelism);
    }

    [Theory]
    [InlineData("yarn")]
    [InlineData("spark://host:7077")]
    [InlineData("local[0]")]
    [InlineData("local[-2]")]
    [InlineData("local[two]")]
    [InlineData("local[3")]
    public void A_Bad_Master_Fails_With_A_Clear_Error(string master)
    {
        // Refused when the session is created, before any query, as Spark refuses it when its context starts.
        var e = Assert.ThrowsAny<ArgumentException>(() => SparkSession.Builder().Master(master).GetOrCreate());
        Assert.Contains($"'{master}'", e.Message);
        Assert.Contains("local[N]", e.Message);
    }

    [Fact]
    public void A_Memory_Limit_That_Is_Not_A_Size_Is_Refused_When_The_Session_Is_Created()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => SparkSession.Builder().Master("local[2]").Config("spark.kindling.memoryLimit", "lots").GetOrCreate());
        Assert.Contains("spark.kindling.memoryLimit = 'lots' is not a size", e.Message);
    }

    [Fact]
    public void Memory_Limit_From_Config_Reaches_The_Query()
    {
        // 400,000 groups do not fit in 64 KB: the aggregate spills them and still counts every one.
        var spark = SparkSession.Builder().Master("local[2]").Config("spark.kindling.memoryLimit", "64k").Config("spark.kindling.batchSize", 4096L).GetOrCreate();
        var df = spark.Range(400_000).GroupBy(Col("id")).Count();
        Assert.Equal(64 * 1024, df.NewExecution().Context.MemoryLimitBytes);
        Assert.Equal(4096, df.NewExecution().Context.BatchSize);
        var execution = df.NewExecution();
        var ids = new HashSet<long>();
        long total = 0;
        foreach (var batch in execution.Execute())
            for (int r = 0; r < batch.RowCount; r++)
            {
                Assert.True(ids.Add((long)batch[0].GetObject(r)!), "a group was emitted twice");
                total += (long)batch[1].GetObject(r)!;
            }
        Assert.Equal(400_000, ids.Count);
        Assert.Equal(400_000, total);
        Assert.True(execution.Context.Spills.Files > 0, "expected the aggregate to spill under a 64k limit");

        // The same query fits in memory once the limit is raised through the builder (options apply to the active session).
        var big = SparkSession.Builder().Config("spark.kindling.memoryLimit", "1g").GetOrCreate();
        Assert.Same(spark, big);
        Assert.Equal(1L << 30, spark.Range(5).NewExecution().Context.MemoryLimitBytes);
        Assert.Equal(400_000, spark.Range(400_000).GroupBy(Col("id")).Count().Count());
    }
}
