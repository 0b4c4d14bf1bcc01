using Kindling.Execution.Operators.Join;
using Kindling.Optimizer;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Optimizer.PlanFixtures;

namespace Kindling.Engine.Tests.Optimizer;

public class JoinOrderRuleTests
{
    [Fact]
    public void Puts_Smaller_Side_On_The_Build_Side()
    {
        var small = Table(2, ("k", ColumnType.Int64));
        var big = Table(100, ("id", ColumnType.Int64));
        var join = new Join(small, big, JoinType.Inner, null);
        var plan = new Join(small, big, JoinType.Inner, Resolve(join, new ComparisonExpr(ComparisonOp.Equal, Col(join, "k"), Col(join, "id"))));
        var rule = new JoinOrderRule();
        Assert.Equal("JoinOrder", rule.Name);
        Assert.Equal(
            "Project [k, id]\n" +
            "+- Join Inner, (k = id)\n" +
            "   +- LocalRelation [id], 100 rows\n".Replace("   +- LocalRelation [id]", "   +- LocalRelation [id]") +
            "   +- LocalRelation [k], 2 rows\n", Print(rule.Apply(plan)));
        // Already big-left: unchanged.
        var ordered = new Join(big, small, JoinType.Inner, plan.Condition);
        Assert.Same(ordered, rule.Apply(ordered));
    }
}
