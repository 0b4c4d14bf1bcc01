using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>UNION ALL of plans with the same column count; output names and ids are the first child's.</summary>
internal sealed class Union(IReadOnlyList<LogicalPlan> children) : LogicalPlan
{
    public override IReadOnlyList<LogicalPlan> Children { get; } = children;

    public override IReadOnlyList<AttributeRef> Output
    {
        get
        {
            var first = Children[0].Output;
            return [.. first.Select((a, i) => a.WithNullable(Children.Any(c => c.Output[i].Nullable)))];
        }
    }

    public override IReadOnlyList<Expr> Expressions => [];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this;

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Union(children);

    public override long? EstimatedRows
    {
        get
        {
            long total = 0;
            foreach (var c in Children) { if (c.EstimatedRows is not long n) return null; total += n; }
            return total;
        }
    }

    public override string NodeString => "Union";
}
