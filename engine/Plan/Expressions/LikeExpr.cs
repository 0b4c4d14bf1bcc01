using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary><c>child LIKE pattern</c> (SQL wildcards % and _) or <c>child RLIKE regex</c>.</summary>
internal sealed class LikeExpr(Expr child, string pattern, bool isRegex) : Expr
{
    public Expr Child { get; } = child;

    public string Pattern { get; } = pattern;

    public bool IsRegex { get; } = isRegex;

    public override IReadOnlyList<Expr> Children => [Child];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new LikeExpr(children[0], Pattern, IsRegex);

    public override ColumnType Type => ColumnType.Boolean;

    public override string ToString() => $"{Child} {(IsRegex ? "RLIKE" : "LIKE")} {Pattern}";

    public override string PrettyName => $"{Child.PrettyName} {(IsRegex ? "RLIKE" : "LIKE")} {Pattern}";
}
