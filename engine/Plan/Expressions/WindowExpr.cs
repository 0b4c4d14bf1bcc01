using Kindling.Execution.Operators.Window;
using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>
/// <c>function OVER (PARTITION BY ... ORDER BY ... frame)</c>. Children: the function, then the partition
/// expressions, then the SortOrder expressions.
/// </summary>
internal sealed class WindowExpr(Expr function, IReadOnlyList<Expr> partitionBy, IReadOnlyList<Expr> orderBy, WindowFrame? frame) : Expr
{
    public Expr Function { get; } = function;

    public IReadOnlyList<Expr> PartitionBy { get; } = [.. partitionBy];

    public IReadOnlyList<Expr> OrderBy { get; } = [.. orderBy];

    public WindowFrame? Frame { get; } = frame;

    public override IReadOnlyList<Expr> Children => [Function, .. PartitionBy, .. OrderBy];

    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new WindowExpr(children[0], [.. children.Skip(1).Take(PartitionBy.Count)], [.. children.Skip(1 + PartitionBy.Count)], Frame);

    public override ColumnType Type => Function.Type;

    public override bool Nullable => Function.Nullable;

    public override bool Foldable => false;

    public override string ToString() => Render(e => e.ToString());

    public override string PrettyName => Render(e => e.PrettyName);

    private string Render(Func<Expr, string> show)
    {
        var parts = new List<string>();
        if (PartitionBy.Count > 0) parts.Add("PARTITION BY " + string.Join(", ", PartitionBy.Select(show)));
        if (OrderBy.Count > 0) parts.Add("ORDER BY " + string.Join(", ", OrderBy.Select(show)));
        if (Frame is not null) parts.Add(FrameText(Frame));
        return $"{show(Function)} OVER ({string.Join(" ", parts)})";
    }

    private static string FrameText(WindowFrame f)
    {
        static string Bound(long v, bool start) => v switch
        {
            long.MinValue => "UNBOUNDED PRECEDING",
            long.MaxValue => "UNBOUNDED FOLLOWING",
            0 => "CURRENT ROW",
            < 0 => $"{-v} PRECEDING",
            _ => $"{v} FOLLOWING",
        };
        return $"{(f.IsRowFrame ? "ROWS" : "RANGE")} BETWEEN {Bound(f.Start, true)} AND {Bound(f.End, false)}";
    }
}
