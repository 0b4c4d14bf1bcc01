using Kindling.Engine;
using Kindling.Sql;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Execution.Planning;

/// <summary>Physical plans for the shapes the planner lowers specially (keys and arguments computed by a Project below).</summary>
public class PhysicalPlannerTests
{
    private static string Physical(DataFrame df) => df.ExplainString().Split("== Physical Plan ==\n")[1];

    [Fact]
    public void Join_Aggregate_Sort_Limit()
    {
        var s = Sql.TestSession.Get();
        var a = s.Range(100).WithColumn("k", Col("id") % 10);
        var b = s.Range(10).Select(Col("id").Alias("k2"), (Col("id") * 2).Alias("v"));
        var q = a.Join(b, a["k"] == b["k2"]).Filter(Col("v") > 4 & Col("id") < 50)
            .GroupBy("k").Agg(Sum("v").Alias("s")).OrderBy(Col("s").Desc()).Limit(3);
        Assert.Equal(
            "Sort keys=[#1 DESC NULLS LAST] limit=3\n" +
            "  Project [k@0, _agg0@1 AS s]\n" +
            "    HashAggregate keys=[#0] aggs=[sum(#2) AS _agg0]\n" +
            "      HashJoin Inner keys=[#0 = #0]\n" +
            "        Project [(id@0 % 10) AS k]\n" +
            "          Filter (id@0 < 50)\n" +
            "            Range (0, 100, step=1)\n" +
            "        Project [id@0 AS k2, (id@0 * 2) AS v]\n" +
            "          Filter ((id@0 * 2) > 4)\n" +
            "            Range (0, 10, step=1)\n", Physical(q));
        Assert.Equal([9L, 8L, 7L], q.Collect().Select(r => (long)r.Get("k")));
        Assert.Equal([90L, 80L, 70L], q.Collect().Select(r => (long)r.Get("s")));
    }

    [Fact]
    public void Sort_Key_Expression_Is_Computed_Below_And_Dropped_Above()
    {
        var q = Sql.TestSession.Get().Range(5).OrderBy((Col("id") * -1).Asc());
        Assert.Equal(
            "Project [id@0]\n" +
            "  Sort keys=[#1 ASC NULLS FIRST]\n" +
            "    Project [id@0, (id@0 * -1) AS _e1]\n" +
            "      Range (0, 5, step=1)\n", Physical(q));
        Assert.Equal([4L, 3L, 2L, 1L, 0L], q.Collect().Select(r => (long)r[0]));
    }
}
