using Kindling.Optimizer;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Optimizer.PlanFixtures;

namespace Kindling.Engine.Tests.Optimizer;

public class CombineFiltersRuleTests
{
    [Fact]
    public void Merges_Adjacent_Filters()
    {
        var t = Table(10, ("a", ColumnType.Int64), ("b", ColumnType.String));
        var inner = new Filter(Resolve(t, new ComparisonExpr(ComparisonOp.GreaterThan, Col(t, "a"), Lit(1L))), t);
        var outer = new Filter(Resolve(t, new IsNullExpr(Col(t, "b"), true)), inner);
        var rule = new CombineFiltersRule();
        Assert.Equal("CombineFilters", rule.Name);
        Assert.Equal("Filter ((a > 1) AND (b IS NOT NULL))\n+- LocalRelation [a, b], 10 rows\n", Print(rule.Apply(outer)));
    }
}
