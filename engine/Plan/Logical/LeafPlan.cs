using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>A plan node without children or expressions (a source).</summary>
internal abstract class LeafPlan : LogicalPlan
{
    public override IReadOnlyList<LogicalPlan> Children => [];

    public override IReadOnlyList<Expr> Expressions => [];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this;
}
