using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary><c>-child</c> (wraps on integer overflow).</summary>
internal sealed class NegateExpr(Expr child) : Expr
{
    public Expr Child { get; } = child;

    public override IReadOnlyList<Expr> Children => [Child];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new NegateExpr(children[0]);

    public override ColumnType Type => Child.Type;

    public override string ToString() => $"(- {Child})";

    public override string PrettyName => $"(- {Child.PrettyName})";
}
