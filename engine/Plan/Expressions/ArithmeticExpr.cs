using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>
/// <c>left op right</c>. After coercion both sides have the same type, except decimals, whose result type
/// follows Spark's DecimalPrecision rules. Integer overflow wraps and division by zero is null (non-ANSI).
/// </summary>
internal sealed class ArithmeticExpr(ArithmeticOp op, Expr left, Expr right) : Expr
{
    public ArithmeticOp Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override IReadOnlyList<Expr> Children => [Left, Right];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new ArithmeticExpr(Op, children[0], children[1]);

    public override ColumnType Type => Analysis.DecimalPrecision.ResultType(Op, Left.Type, Right.Type);

    public override bool Nullable => Left.Nullable || Right.Nullable || Op is ArithmeticOp.Divide or ArithmeticOp.Remainder || Type.Kind == TypeKind.Decimal;

    public string Symbol => Op switch
    {
        ArithmeticOp.Add => "+",
        ArithmeticOp.Subtract => "-",
        ArithmeticOp.Multiply => "*",
        ArithmeticOp.Divide => "/",
        _ => "%",
    };

    public override string ToString() => $"({Left} {Symbol} {Right})";

    public override string PrettyName => $"({Left.PrettyName} {Symbol} {Right.PrettyName})";
}
