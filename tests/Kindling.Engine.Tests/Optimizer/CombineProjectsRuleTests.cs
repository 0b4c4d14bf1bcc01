using Kindling.Optimizer;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Optimizer.PlanFixtures;

namespace Kindling.Engine.Tests.Optimizer;

public class CombineProjectsRuleTests
{
    [Fact]
    public void Collapses_Nested_Projects()
    {
        var t = Table(3, ("a", ColumnType.Int64));
        var inner = new Project([new Alias(Resolve(t, new ArithmeticExpr(ArithmeticOp.Add, Col(t, "a"), Lit(1L))), "x")], t);
        var plan = new Project([new Alias(Resolve(inner, new ArithmeticExpr(ArithmeticOp.Multiply, Col(inner, "x"), Lit(2L))), "y")], inner);
        var rule = new CombineProjectsRule();
        Assert.Equal("CombineProjects", rule.Name);
        Assert.Equal("Project [((a + 1) * 2) AS y]\n+- LocalRelation [a], 3 rows\n", Print(rule.Apply(plan)));
    }
}
