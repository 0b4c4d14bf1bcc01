namespace Kindling.Execution.Operators.Aggregate;

/// <summary>The aggregate functions the hash aggregate computes.</summary>
internal enum AggregateFunction
{
    /// <summary>count(col): the non-null values.</summary>
    Count,
    /// <summary>count(*): the rows.</summary>
    CountAll,
    Sum,
    Avg,
    Min,
    Max,
    First,
    Last,
    CountDistinct,
    SumDistinct,
    StddevSamp,
    StddevPop,
    VarianceSamp,
    VariancePop,
    Median,
    Corr,
}
