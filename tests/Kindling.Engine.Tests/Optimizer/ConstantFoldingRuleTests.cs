using Kindling.Optimizer;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Optimizer.PlanFixtures;

namespace Kindling.Engine.Tests.Optimizer;

public class ConstantFoldingRuleTests
{
    [Fact]
    public void Folds_Constant_Subexpressions_And_Boolean_Identities()
    {
        var t = Table(10, ("a", ColumnType.Int64));
        var cond = Resolve(t, new LogicalExpr(true, Lit(true), new ComparisonExpr(ComparisonOp.GreaterThan, Col(t, "a"), new ArithmeticExpr(ArithmeticOp.Add, Lit(1), Lit(2)))));
        var plan = new Filter(cond, t);
        Assert.Equal("Filter (true AND (a > CAST((1 + 2) AS bigint)))\n+- LocalRelation [a], 10 rows\n", Print(plan));
        var rule = new ConstantFoldingRule();
        Assert.Equal("ConstantFolding", rule.Name);
        Assert.Equal("Filter (a > 3)\n+- LocalRelation [a], 10 rows\n", Print(rule.Apply(plan)));
    }

    [Fact]
    public void Removes_Filter_That_Is_Always_True()
    {
        var t = Table(1, ("a", ColumnType.Int64));
        var plan = new Filter(Resolve(t, new ComparisonExpr(ComparisonOp.LessThan, Lit(1), Lit(2))), t);
        Assert.Equal("LocalRelation [a], 1 rows\n", Print(new ConstantFoldingRule().Apply(plan)));
    }
}
