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
    /// <summary>percentile(col, p) and median(col): the exact percentile, interpolating linearly between neighbours.</summary>
    Percentile,
    /// <summary>percentile_approx(col, p): the smallest value with at least p of the values at or below it (no interpolation).</summary>
    PercentileApprox,
    Corr,
}
