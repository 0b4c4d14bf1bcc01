using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary><c>left AND right</c> / <c>left OR right</c> with SQL's three-valued logic.</summary>
internal sealed class LogicalExpr(bool isAnd, Expr left, Expr right) : Expr
{
    public bool IsAnd { get; } = isAnd;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override IReadOnlyList<Expr> Children => [Left, Right];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new LogicalExpr(IsAnd, children[0], children[1]);

    public override ColumnType Type => ColumnType.Boolean;

    public override string ToString() => $"({Left} {(IsAnd ? "AND" : "OR")} {Right})";

    public override string PrettyName => $"({Left.PrettyName} {(IsAnd ? "AND" : "OR")} {Right.PrettyName})";

    /// <summary>Splits nested ANDs into their conjuncts.</summary>
    public static List<Expr> SplitConjuncts(Expr e)
    {
        var result = new List<Expr>();
        Split(e);
        return result;

        void Split(Expr x)
        {
            if (x is LogicalExpr { IsAnd: true } and) { Split(and.Left); Split(and.Right); }
            else result.Add(x);
        }
    }

    public static Expr? And(IEnumerable<Expr> conjuncts)
    {
        Expr? r = null;
        foreach (var c in conjuncts) r = r is null ? c : new LogicalExpr(true, r, c);
        return r;
    }
}
