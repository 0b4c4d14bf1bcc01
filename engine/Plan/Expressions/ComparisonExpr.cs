using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary><c>left op right</c> on two values of the same type (after coercion); null when either side is null.</summary>
internal sealed class ComparisonExpr(ComparisonOp op, Expr left, Expr right) : Expr
{
    public ComparisonOp Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override IReadOnlyList<Expr> Children => [Left, Right];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new ComparisonExpr(Op, children[0], children[1]);

    public override ColumnType Type => ColumnType.Boolean;

    public override bool Nullable => Op != ComparisonOp.EqualNullSafe && base.Nullable;

    public string Symbol => Op switch
    {
        ComparisonOp.Equal => "=",
        ComparisonOp.NotEqual => "!=",
        ComparisonOp.LessThan => "<",
        ComparisonOp.LessThanOrEqual => "<=",
        ComparisonOp.GreaterThan => ">",
        ComparisonOp.GreaterThanOrEqual => ">=",
        _ => "<=>",
    };

    public override string ToString() => $"({Left} {Symbol} {Right})";

    public override string PrettyName => $"({Left.PrettyName} {Symbol} {Right.PrettyName})";
}
