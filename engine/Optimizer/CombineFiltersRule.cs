using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;

namespace Kindling.Optimizer;

/// <summary><c>Filter(a, Filter(b, x))</c> → <c>Filter(b AND a, x)</c>.</summary>
internal sealed class CombineFiltersRule : IOptimizerRule
{
    public string Name => "CombineFilters";

    public LogicalPlan Apply(LogicalPlan plan) => plan.TransformUp(p =>
        p is Filter { Child: Filter inner } outer
            ? new Filter(new LogicalExpr(true, inner.Condition, outer.Condition), inner.Child)
            : p);
}
