using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary><c>child IS NULL</c> or <c>child IS NOT NULL</c>; never null itself.</summary>
internal sealed class IsNullExpr(Expr child, bool negated) : Expr
{
    public Expr Child { get; } = child;

    public bool Negated { get; } = negated;

    public override IReadOnlyList<Expr> Children => [Child];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new IsNullExpr(children[0], Negated);

    public override ColumnType Type => ColumnType.Boolean;

    public override bool Nullable => false;

    public override string ToString() => $"({Child} IS {(Negated ? "NOT " : "")}NULL)";

    public override string PrettyName => $"({Child.PrettyName} IS {(Negated ? "NOT " : "")}NULL)";
}
