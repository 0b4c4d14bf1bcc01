using Kindling.Optimizer;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using static Kindling.Engine.Tests.Optimizer.PlanFixtures;

namespace Kindling.Engine.Tests.Optimizer;

public class PartitionFilterRuleTests
{
    [Fact]
    public void Hands_Partition_Conjuncts_To_The_Scan()
    {
        var scan = Files("2024-01-01", "2024-01-02");
        var cond = Resolve(scan, new LogicalExpr(true,
            new ComparisonExpr(ComparisonOp.Equal, Col(scan, "dt"), Lit("2024-01-02")),
            new ComparisonExpr(ComparisonOp.GreaterThan, Col(scan, "a"), Lit(5L))));
        var rule = new PartitionFilterRule();
        Assert.Equal("PartitionFilter", rule.Name);
        Assert.Equal(
            "Filter ((dt = 2024-01-02) AND (a > 5))\n" +
            "+- Relation fake [a, b, c, dt], 2 files, PartitionFilters: [(dt = 2024-01-02)]\n", Print(rule.Apply(new Filter(cond, scan))));
    }
}
