using Kindling.Optimizer;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Optimizer.PlanFixtures;

namespace Kindling.Engine.Tests.Optimizer;

public class ColumnPruningRuleTests
{
    [Fact]
    public void Narrows_File_Scan_To_Columns_Read()
    {
        var scan = Files("2024-01-01", "2024-01-02");
        var filter = new Filter(Resolve(scan, new ComparisonExpr(ComparisonOp.GreaterThan, Col(scan, "c"), Lit(1.0))), scan);
        var plan = new Project([Col(filter, "a")], filter);
        var rule = new ColumnPruningRule();
        Assert.Equal("ColumnPruning", rule.Name);
        Assert.Equal(
            "Project [a]\n" +
            "+- Filter (c > 1)\n" +
            "   +- Relation fake [a, c], 2 files\n", Print(rule.Apply(plan)));
    }

    [Fact]
    public void Drops_Unused_Projections()
    {
        var t = Table(3, ("a", ColumnType.Int64), ("b", ColumnType.Int64));
        var inner = new Project([new Alias(Col(t, "a"), "x"), new Alias(Resolve(t, new ArithmeticExpr(ArithmeticOp.Add, Col(t, "b"), Lit(1L))), "y")], t);
        var plan = new Project([Col(inner, "x")], inner);
        Assert.Equal(
            "Project [a AS x]\n" +
            "+- LocalRelation [a, b], 3 rows\n", Print(new ColumnPruningRule().Apply(plan)));
    }
}
