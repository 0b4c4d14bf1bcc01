using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>The first <see cref="Count"/> rows.</summary>
internal sealed class Limit(long count, LogicalPlan child) : UnaryPlan(child)
{
    public long Count { get; } = count;

    public override IReadOnlyList<AttributeRef> Output => Child.Output;

    public override IReadOnlyList<Expr> Expressions => [];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this;

    public override LogicalPlan WithChild(LogicalPlan child) => new Limit(Count, child);

    public override long? EstimatedRows => Child.EstimatedRows is long n ? Math.Min(n, Count) : Count;

    public override string NodeString => $"GlobalLimit {Count}";
}
