using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>The SQL subscript <c>array[index]</c> (Spark's GetArrayItem): 0-based; out of range or negative is null.</summary>
internal sealed class ArrayItemExpr(Expr child, Expr index) : Expr
{
    public Expr Child { get; } = child;

    public Expr Index { get; } = index;

    public override IReadOnlyList<Expr> Children => [Child, Index];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new ArrayItemExpr(children[0], children[1]);

    public override ColumnType Type => Child.Type.Element ?? throw PlanThrow.Unresolved(this);

    public override bool Nullable => true;

    public override string ToString() => $"{Child}[{Index}]";

    public override string PrettyName => $"{Child.PrettyName}[{Index.PrettyName}]";
}
