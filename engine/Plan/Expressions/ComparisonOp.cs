namespace Kindling.Plan.Expressions;

internal enum ComparisonOp { Equal, NotEqual, LessThan, LessThanOrEqual, GreaterThan, GreaterThanOrEqual, EqualNullSafe }

internal static class ComparisonOps
{
    /// <summary>The operator with its operands swapped: <c>a &lt; b</c> is <c>b &gt; a</c>.</summary>
    public static ComparisonOp Flip(this ComparisonOp op) => op switch
    {
        ComparisonOp.LessThan => ComparisonOp.GreaterThan,
        ComparisonOp.LessThanOrEqual => ComparisonOp.GreaterThanOrEqual,
        ComparisonOp.GreaterThan => ComparisonOp.LessThan,
        ComparisonOp.GreaterThanOrEqual => ComparisonOp.LessThanOrEqual,
        _ => op,
    };
}
