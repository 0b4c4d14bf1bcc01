using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>Keeps the rows whose condition is true (not false, not null).</summary>
internal sealed class Filter(Expr condition, LogicalPlan child) : UnaryPlan(child)
{
    public Expr Condition { get; } = condition;

    public override IReadOnlyList<AttributeRef> Output => Child.Output;

    public override IReadOnlyList<Expr> Expressions => [Condition];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => new Filter(expressions[0], Child);

    public override LogicalPlan WithChild(LogicalPlan child) => new Filter(Condition, child);

    public override string NodeString => $"Filter {Condition}";
}
