using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary><c>NOT child</c>; null stays null.</summary>
internal sealed class NotExpr(Expr child) : Expr
{
    public Expr Child { get; } = child;

    public override IReadOnlyList<Expr> Children => [Child];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new NotExpr(children[0]);

    public override ColumnType Type => ColumnType.Boolean;

    public override string ToString() => $"(NOT {Child})";

    public override string PrettyName => $"(NOT {Child.PrettyName})";
}
