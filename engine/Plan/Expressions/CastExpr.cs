using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary><c>CAST(child AS type)</c>; values that do not convert become null (Spark non-ANSI).</summary>
internal sealed class CastExpr(Expr child, ColumnType to) : Expr
{
    public Expr Child { get; } = child;

    public override IReadOnlyList<Expr> Children => [Child];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new CastExpr(children[0], Type);

    public override ColumnType Type { get; } = to;

    public override bool Nullable => true;

    public override string ToString() => $"CAST({Child} AS {Type})";

    public override string PrettyName => $"CAST({Child.PrettyName} AS {Type.ToString().ToUpperInvariant()})";
}
