namespace Kindling.Plan.Expressions;

/// <summary>An expression without children.</summary>
internal abstract class LeafExpr : Expr
{
    public override IReadOnlyList<Expr> Children => [];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;
}
