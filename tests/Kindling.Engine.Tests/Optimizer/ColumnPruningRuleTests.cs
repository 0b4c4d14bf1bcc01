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
            "+- LocalRelation [a], 3 rows\n", Print(new ColumnPruningRule().Apply(plan)));
    }

    [Fact]
    public void Narrows_Cached_Rows_Under_A_Filter_To_The_Columns_Used_Sharing_Their_Vectors()
    {
        var t = Table(4, ("a", ColumnType.Int64), ("b", ColumnType.Int64), ("c", ColumnType.Float64));
        var filter = new Filter(Resolve(t, new ComparisonExpr(ComparisonOp.GreaterThan, Col(t, "c"), Lit(1.0))), t);
        var plan = new Project([Col(filter, "a")], filter);
        var pruned = new ColumnPruningRule().Apply(plan);
        Assert.Equal(
            "Project [a]\n" +
            "+- Filter (c > 1)\n" +
            "   +- LocalRelation [a, c], 4 rows\n", Print(pruned));
        var rows = (LocalRelation)pruned.Children[0].Children[0];
        Assert.Same(t.Batches[0][0], rows.Batches[0][0]);
        Assert.Same(t.Batches[0][2], rows.Batches[0][1]);
        Assert.Equal(4, rows.Batches[0].RowCount);
    }
}
