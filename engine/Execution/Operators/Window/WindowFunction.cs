namespace Kindling.Execution.Operators.Window;

/// <summary>The window functions of Spark's Functions over a WindowSpec.</summary>
internal enum WindowFunction
{
    RowNumber,
    Rank,
    DenseRank,
    PercentRank,
    CumeDist,
    Ntile,
    Lag,
    Lead,
    Sum,
    Count,
    Min,
    Max,
    Avg,
    First,
    Last,
}
