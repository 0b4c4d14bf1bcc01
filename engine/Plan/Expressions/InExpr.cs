using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary><c>child IN (v1, v2, ...)</c>: children are the value then the list.</summary>
internal sealed class InExpr(IReadOnlyList<Expr> children) : Expr
{
    private readonly Expr[] _children = [.. children];

    public Expr Value => _children[0];

    public IReadOnlyList<Expr> List => _children[1..];

    public override IReadOnlyList<Expr> Children => _children;

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new InExpr(children);

    public override ColumnType Type => ColumnType.Boolean;

    public override string ToString() => $"{Value} IN ({string.Join(", ", List)})";

    public override string PrettyName => $"({Value.PrettyName} IN ({string.Join(", ", List.Select(e => e.PrettyName))}))";
}
