using Kindling.Execution.Operators.Join;
using Kindling.Optimizer;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Optimizer.PlanFixtures;

namespace Kindling.Engine.Tests.Optimizer;

public class PushDownFilterRuleTests
{
    [Fact]
    public void Pushes_Through_Project_Substituting_Aliases()
    {
        var t = Table(10, ("a", ColumnType.Int64));
        var proj = new Project([new Alias(Resolve(t, new ArithmeticExpr(ArithmeticOp.Multiply, Col(t, "a"), Lit(2L))), "x")], t);
        var plan = new Filter(Resolve(proj, new ComparisonExpr(ComparisonOp.GreaterThan, Col(proj, "x"), Lit(4L))), proj);
        var rule = new PushDownFilterRule();
        Assert.Equal("PushDownFilter", rule.Name);
        Assert.Equal(
            "Project [(a * 2) AS x]\n" +
            "+- Filter ((a * 2) > 4)\n" +
            "   +- LocalRelation [a], 10 rows\n", Print(rule.Apply(plan)));
    }

    [Fact]
    public void Splits_Conjuncts_Into_Join_Sides()
    {
        var l = Table(10, ("a", ColumnType.Int64));
        var r = Table(5, ("b", ColumnType.Int64));
        var join = new Join(l, r, JoinType.Inner, Resolve(new Join(l, r, JoinType.Inner, null), new ComparisonExpr(ComparisonOp.Equal, Col(l, "a"), Col(r, "b"))));
        var cond = Resolve(join, new LogicalExpr(true,
            new LogicalExpr(true, new ComparisonExpr(ComparisonOp.GreaterThan, Col(join, "a"), Lit(1L)), new ComparisonExpr(ComparisonOp.LessThan, Col(join, "b"), Lit(3L))),
            new ComparisonExpr(ComparisonOp.NotEqual, Col(join, "a"), Col(join, "b"))));
        var plan = new Filter(cond, join);
        Assert.Equal(
            "Filter (a != b)\n" +
            "+- Join Inner, (a = b)\n" +
            "   +- Filter (a > 1)\n" +
            "   :  +- LocalRelation [a], 10 rows\n".Replace("   :  ", "      ") +
            "   +- Filter (b < 3)\n" +
            "      +- LocalRelation [b], 5 rows\n", Print(new PushDownFilterRule().Apply(plan)));
    }

    [Fact]
    public void Keeps_Right_Side_Filter_Above_Left_Outer_Join()
    {
        var l = Table(10, ("a", ColumnType.Int64));
        var r = Table(5, ("b", ColumnType.Int64));
        var join = new Join(l, r, JoinType.LeftOuter, null);
        var plan = new Filter(Resolve(join, new IsNullExpr(Col(join, "b"), false)), join);
        Assert.Same(plan, new PushDownFilterRule().Apply(plan));
    }
}

public class PushDownFilterUnionWindowTests
{
    [Fact]
    public void Pushes_Into_Every_Union_Branch_By_Position()
    {
        var a = Table(3, ("x", ColumnType.Int64));
        var b = Table(4, ("y", ColumnType.Int64));
        var union = new Kindling.Plan.Logical.Union([a, b]);
        var plan = new Filter(Resolve(union, new ComparisonExpr(ComparisonOp.GreaterThan, Col(union, "x"), Lit(1L))), union);
        Assert.Equal(
            "Union\n" +
            "+- Filter (x > 1)\n" +
            "   +- LocalRelation [x], 3 rows\n" +
            "+- Filter (y > 1)\n" +
            "   +- LocalRelation [y], 4 rows\n", Print(new PushDownFilterRule().Apply(plan)));
    }

    [Fact]
    public void Pushes_Partition_Column_Conjuncts_Below_A_Window()
    {
        var t = Table(3, ("g", ColumnType.Int64), ("v", ColumnType.Int64));
        var rn = new Kindling.Plan.Expressions.WindowFunctionExpr(Kindling.Execution.Operators.Window.WindowFunction.RowNumber, [], ColumnType.Int32, "row_number");
        var w = new Kindling.Plan.Logical.Window([new Alias(new WindowExpr(rn, [Col(t, "g")], [new SortOrder(Col(t, "v"), true, true)], null), "rn")], t);
        var cond = Resolve(w, new LogicalExpr(true, new ComparisonExpr(ComparisonOp.Equal, Col(w, "g"), Lit(1L)), new ComparisonExpr(ComparisonOp.Equal, Col(w, "rn"), Lit(1))));
        Assert.Equal(
            "Filter (rn = 1)\n" +
            "+- Window [row_number() OVER (PARTITION BY g ORDER BY v ASC NULLS FIRST) AS rn]\n" +
            "   +- Filter (g = 1)\n" +
            "      +- LocalRelation [g, v], 3 rows\n", Print(new PushDownFilterRule().Apply(new Filter(cond, w))));
    }
}
