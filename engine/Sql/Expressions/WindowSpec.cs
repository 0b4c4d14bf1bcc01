using Kindling.Execution.Operators.Window;
using Kindling.Plan.Expressions;

namespace Kindling.Sql.Expressions;

/// <summary>A window specification that defines the partitioning, ordering, and frame boundaries.</summary>
public sealed class WindowSpec
{
    internal WindowSpec(IReadOnlyList<Expr> partition, IReadOnlyList<Expr> order, WindowFrame? frame)
    {
        PartitionExprs = partition;
        OrderExprs = order;
        Frame = frame;
    }

    internal IReadOnlyList<Expr> PartitionExprs { get; }

    internal IReadOnlyList<Expr> OrderExprs { get; }

    internal WindowFrame? Frame { get; }

    /// <summary>Defines the partitioning columns in a WindowSpec.</summary>
    public WindowSpec PartitionBy(string colName, params string[] colNames) =>
        new([.. new[] { colName }.Concat(colNames).Select(n => (Expr)new UnresolvedAttribute(n))], OrderExprs, Frame);

    /// <summary>Defines the partitioning columns in a WindowSpec.</summary>
    public WindowSpec PartitionBy(params Column[] columns) => new([.. columns.Select(c => c.Expr)], OrderExprs, Frame);

    /// <summary>Defines the ordering columns in a WindowSpec.</summary>
    public WindowSpec OrderBy(string colName, params string[] colNames) =>
        new(PartitionExprs, [.. new[] { colName }.Concat(colNames).Select(n => (Expr)new SortOrder(new UnresolvedAttribute(n), true, true))], Frame);

    /// <summary>Defines the ordering columns in a WindowSpec.</summary>
    public WindowSpec OrderBy(params Column[] columns) =>
        new(PartitionExprs, [.. columns.Select(c => c.Expr is SortOrder ? c.Expr : new SortOrder(c.Expr, true, true))], Frame);

    /// <summary>Defines the frame boundaries, from start (inclusive) to end (inclusive), as row offsets from the current row.</summary>
    public WindowSpec RowsBetween(long start, long end) => new(PartitionExprs, OrderExprs, new WindowFrame(true, start, end));

    /// <summary>Defines the frame boundaries, from start (inclusive) to end (inclusive), as offsets of the ordering value.</summary>
    public WindowSpec RangeBetween(long start, long end) => new(PartitionExprs, OrderExprs, new WindowFrame(false, start, end));
}
