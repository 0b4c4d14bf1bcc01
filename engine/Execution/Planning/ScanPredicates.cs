using Kindling.Formats;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;

namespace Kindling.Execution.Planning;

/// <summary>
/// Picks the conjuncts of a filter above a file scan that a format can check against statistics:
/// <c>column op constant</c> (either side) and IS [NOT] NULL on a data column, with the constant already of
/// the column's type. Anything else (casts, functions, OR, partition columns) stays in the filter only.
/// </summary>
internal static class ScanPredicates
{
    public static IReadOnlyList<ScanPredicate> From(Expr condition, FileRelation scan)
    {
        var result = new List<ScanPredicate>();
        foreach (var conjunct in LogicalExpr.SplitConjuncts(condition))
            if (Translate(conjunct, scan) is ScanPredicate p) result.Add(p);
        return result;
    }

    private static ScanPredicate? Translate(Expr e, FileRelation scan)
    {
        switch (e)
        {
            case IsNullExpr { Child: AttributeRef a } isNull when IsDataColumn(a, scan):
                return new ScanPredicate(a.Name, isNull.Negated ? ScanPredicateOperator.IsNotNull : ScanPredicateOperator.IsNull);
            case ComparisonExpr { Left: AttributeRef a, Right: Literal l } c when IsDataColumn(a, scan):
                return Compare(a, c.Op, l);
            case ComparisonExpr { Left: Literal l, Right: AttributeRef a } c when IsDataColumn(a, scan):
                return Compare(a, c.Op.Flip(), l);
            default:
                return null;
        }
    }

    private static bool IsDataColumn(AttributeRef a, FileRelation scan) => !scan.IsPartitionColumn(a.Name) && scan.DataSchema.IndexOf(a.Name) >= 0;

    private static ScanPredicate? Compare(AttributeRef column, ComparisonOp op, Literal constant)
    {
        if (constant.Value is null || constant.Type != column.Type) return null;
        ScanPredicateOperator? kind = op switch
        {
            ComparisonOp.Equal => ScanPredicateOperator.Equal,
            ComparisonOp.LessThan => ScanPredicateOperator.Less,
            ComparisonOp.LessThanOrEqual => ScanPredicateOperator.LessOrEqual,
            ComparisonOp.GreaterThan => ScanPredicateOperator.Greater,
            ComparisonOp.GreaterThanOrEqual => ScanPredicateOperator.GreaterOrEqual,
            _ => null,
        };
        if (kind is null || Value(column.Type, constant.Value) is not object value) return null;
        return new ScanPredicate(column.Name, kind.Value, value);
    }

    /// <summary>The constant in the representation ScanPredicate documents, or null when it has none.</summary>
    private static object? Value(ColumnType type, object value) => type.Kind switch
    {
        TypeKind.Int32 or TypeKind.Int64 or TypeKind.Date or TypeKind.Timestamp => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        TypeKind.Float32 or TypeKind.Float64 => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        TypeKind.String => value as string,
        TypeKind.Decimal when !type.IsWideDecimal && value is decimal d && UnscaledExactly(d, type.Scale) is long unscaled => unscaled,
        _ => null,
    };

    private static long? UnscaledExactly(decimal d, int scale)
    {
        decimal scaled = d;
        for (int i = 0; i < scale; i++) scaled *= 10;
        return decimal.Truncate(scaled) == scaled && scaled is >= long.MinValue and <= long.MaxValue ? (long)scaled : null;
    }
}
