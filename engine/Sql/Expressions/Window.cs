using Kindling.Plan.Expressions;

namespace Kindling.Sql.Expressions;

/// <summary>Utility functions for defining window in DataFrames.</summary>
public static class Window
{
    /// <summary>Value representing the first row in the partition, equivalent to "UNBOUNDED PRECEDING" in SQL.</summary>
    public static long UnboundedPreceding => long.MinValue;

    /// <summary>Value representing the last row in the partition, equivalent to "UNBOUNDED FOLLOWING" in SQL.</summary>
    public static long UnboundedFollowing => long.MaxValue;

    /// <summary>Value representing the current row.</summary>
    public static long CurrentRow => 0;

    /// <summary>Creates a WindowSpec with the frame boundaries defined, from start (inclusive) to end (inclusive), as row offsets.</summary>
    public static WindowSpec RowsBetween(long start, long end) => Empty.RowsBetween(start, end);

    /// <summary>Creates a WindowSpec with the frame boundaries defined as offsets of the ordering value.</summary>
    public static WindowSpec RangeBetween(long start, long end) => Empty.RangeBetween(start, end);

    /// <summary>Creates a WindowSpec with the partitioning defined.</summary>
    public static WindowSpec PartitionBy(string colName, params string[] colNames) => Empty.PartitionBy(colName, colNames);

    /// <summary>Creates a WindowSpec with the partitioning defined.</summary>
    public static WindowSpec PartitionBy(params Column[] columns) => Empty.PartitionBy(columns);

    /// <summary>Creates a WindowSpec with the ordering defined.</summary>
    public static WindowSpec OrderBy(string colName, params string[] colNames) => Empty.OrderBy(colName, colNames);

    /// <summary>Creates a WindowSpec with the ordering defined.</summary>
    public static WindowSpec OrderBy(params Column[] columns) => Empty.OrderBy(columns);

    private static WindowSpec Empty => new([], [], null);
}
