using Kindling.Sql;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>Coalesce(1) and Repartition(1) write one file (per partition folder), as one Spark task does.</summary>
public sealed class RepartitionTests
{
    // Past the default maxRecordsPerFile (1,048,576), so an ordinary write splits into two files.
    private const long Rows = 1_100_000;

    private static string[] PartFiles(string dir) =>
        [.. Directory.GetFiles(dir, "part-*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order()];

    [Fact]
    public void One_partition_writes_one_file_however_many_rows()
    {
        using var tmp = new TempDirectory();
        var rows = TestSession.Get().Range(0, Rows);
        string plain = Path.Combine(tmp.Path, "plain"), coalesced = Path.Combine(tmp.Path, "coalesced"), narrow = Path.Combine(tmp.Path, "narrow");
        rows.Write().Parquet(plain);
        rows.Coalesce(1).Write().Parquet(coalesced);
        // Projections and filters keep the one partition, as narrow operators do in Spark.
        rows.Repartition(1).Select((Col("id") * 2).Alias("twice")).Where(Col("twice") >= 0).Write().Parquet(narrow);

        Assert.Equal(2, PartFiles(plain).Length);
        Assert.Single(PartFiles(coalesced));
        Assert.Single(PartFiles(narrow));
        Assert.Equal(Rows, TestSession.Get().Read().Parquet(coalesced).Count());
        Assert.Equal(Rows, TestSession.Get().Read().Parquet(narrow).Count());
    }

    [Fact]
    public void One_partition_writes_one_file_per_partition_folder_and_maxRecordsPerFile_still_applies()
    {
        using var tmp = new TempDirectory();
        var rows = TestSession.Get().Range(0, 2 * Rows).Select(Col("id"), (Col("id") % 2).Alias("half"));
        string coalesced = Path.Combine(tmp.Path, "coalesced"), capped = Path.Combine(tmp.Path, "capped");
        rows.Coalesce(1).Write().PartitionBy("half").Parquet(coalesced);
        rows.Coalesce(1).Write().Option("maxRecordsPerFile", 600_000).Parquet(capped);

        var files = PartFiles(coalesced);
        Assert.Equal(2, files.Length);
        Assert.Equal(["half=0", "half=1"], files.Select(f => Path.GetDirectoryName(f)!).Order());
        Assert.Equal(4, PartFiles(capped).Length); // 2.2 million rows, 600,000 a file
    }

    [Fact]
    public void The_partition_count_must_be_positive_and_filters_still_reach_the_source()
    {
        var df = TestSession.Get().Range(0, 10);
        var e = Assert.Throws<ArgumentException>(() => df.Coalesce(0));
        Assert.Contains("must be positive", e.Message);
        string plan = Kindling.Engine.DataFrameExtensions.ExplainString(df.Repartition(3).Where(Col("id") > 4));
        string optimized = plan.Split("== Optimized Logical Plan ==")[1].Split("== Physical Plan ==")[0];
        Assert.True(optimized.IndexOf("Repartition 3, true", StringComparison.Ordinal) < optimized.IndexOf("Filter", StringComparison.Ordinal), optimized);
        Assert.Equal(5, df.Repartition(3).Where(Col("id") > 4).Count());
    }
}
