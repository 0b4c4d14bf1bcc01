using Kindling.Execution.Operators.Join;
using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>A join of two plans with an optional condition; output is left then right (semi/anti: left only).</summary>
internal sealed class Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expr? condition) : LogicalPlan
{
    public LogicalPlan Left { get; } = left;

    public LogicalPlan Right { get; } = right;

    public JoinType JoinType { get; } = joinType;

    public Expr? Condition { get; } = condition;

    public override IReadOnlyList<LogicalPlan> Children => [Left, Right];

    public override IReadOnlyList<AttributeRef> Output => JoinType switch
    {
        JoinType.LeftSemi or JoinType.LeftAnti => Left.Output,
        JoinType.LeftOuter => [.. Left.Output, .. Right.Output.Select(a => a.WithNullable(true))],
        JoinType.RightOuter => [.. Left.Output.Select(a => a.WithNullable(true)), .. Right.Output],
        JoinType.FullOuter => [.. Left.Output.Select(a => a.WithNullable(true)), .. Right.Output.Select(a => a.WithNullable(true))],
        _ => [.. Left.Output, .. Right.Output],
    };

    public override IReadOnlyList<Expr> Expressions => Condition is null ? [] : [Condition];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) =>
        new Join(Left, Right, JoinType, expressions.Count == 0 ? null : expressions[0]);

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Join(children[0], children[1], JoinType, Condition);

    public override string NodeString => $"Join {JoinType}" + (Condition is null ? "" : $", {Condition}");
}
