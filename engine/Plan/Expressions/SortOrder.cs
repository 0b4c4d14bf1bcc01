using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary><c>child ASC|DESC NULLS FIRST|LAST</c>, produced by Column.Asc()/Desc()/...</summary>
internal sealed class SortOrder(Expr child, bool ascending, bool nullsFirst) : Expr
{
    public Expr Child { get; } = child;

    public bool Ascending { get; } = ascending;

    public bool NullsFirst { get; } = nullsFirst;

    public override IReadOnlyList<Expr> Children => [Child];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new SortOrder(children[0], Ascending, NullsFirst);

    public override ColumnType Type => Child.Type;

    public override bool Foldable => false;

    public override string ToString() => $"{Child} {(Ascending ? "ASC" : "DESC")} NULLS {(NullsFirst ? "FIRST" : "LAST")}";

    public override string PrettyName => $"{Child.PrettyName} {(Ascending ? "ASC" : "DESC")} NULLS {(NullsFirst ? "FIRST" : "LAST")}";
}
