namespace Kindling.Formats;

/// <summary>The comparisons a scan can use to skip data (for example Parquet row groups by their statistics).</summary>
internal enum ScanPredicateOperator
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    IsNull,
    IsNotNull,
}

/// <summary>
/// A <c>column op constant</c> conjunct of a filter directly above a scan. Formats may use it to skip data
/// that cannot match and may ignore it: the filter still runs above the scan, so pruning is only an
/// optimization. Constants are engine values of the column's own type: long for integers, dates (epoch
/// days), timestamps (epoch micros) and decimals up to 18 digits (unscaled); double; string.
/// </summary>
internal sealed record ScanPredicate(string Column, ScanPredicateOperator Operator, object? Value = null)
{
    public override string ToString() => Operator switch
    {
        ScanPredicateOperator.IsNull => $"IsNull({Column})",
        ScanPredicateOperator.IsNotNull => $"IsNotNull({Column})",
        _ => $"{Operator}({Column}, {(Value is string s ? "'" + s + "'" : Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture))})",
    };
}
