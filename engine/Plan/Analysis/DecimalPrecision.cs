using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Plan.Analysis;

/// <summary>Spark's DecimalPrecision rules (spark.sql.decimalOperations.allowPrecisionLoss = true).</summary>
internal static class DecimalPrecision
{
    public const int MinimumAdjustedScale = 6;

    /// <summary>The result type of <paramref name="op"/> on operands already coerced by <see cref="TypeCoercion"/>.</summary>
    public static ColumnType ResultType(ArithmeticOp op, ColumnType left, ColumnType right)
    {
        if (left.Kind != TypeKind.Decimal || right.Kind != TypeKind.Decimal)
            return op == ArithmeticOp.Divide && left.Kind is not TypeKind.Float32 ? ColumnType.Float64 : left;
        int p1 = left.Precision, s1 = left.Scale, p2 = right.Precision, s2 = right.Scale;
        switch (op)
        {
            case ArithmeticOp.Add:
            case ArithmeticOp.Subtract:
            {
                int scale = Math.Max(s1, s2);
                return Adjust(Math.Max(p1 - s1, p2 - s2) + scale + 1, scale);
            }
            case ArithmeticOp.Multiply:
                return Adjust(p1 + p2 + 1, s1 + s2);
            case ArithmeticOp.Divide:
            {
                int scale = Math.Max(MinimumAdjustedScale, s1 + p2 + 1);
                return Adjust(p1 - s1 + s2 + scale, scale);
            }
            default:
            {
                int scale = Math.Max(s1, s2);
                return Bounded(Math.Min(p1 - s1, p2 - s2) + scale, scale);
            }
        }
    }

    /// <summary>Spark's adjustPrecisionScale: keep the integral digits, give up scale down to 6.</summary>
    public static ColumnType Adjust(int precision, int scale)
    {
        if (precision <= ColumnType.MaxDecimalPrecision) return ColumnType.Decimal(Math.Max(precision, 1), scale);
        int intDigits = precision - scale;
        int minScale = Math.Min(scale, MinimumAdjustedScale);
        int adjustedScale = Math.Max(ColumnType.MaxDecimalPrecision - intDigits, minScale);
        return ColumnType.Decimal(ColumnType.MaxDecimalPrecision, adjustedScale);
    }

    public static ColumnType Bounded(int precision, int scale) =>
        ColumnType.Decimal(Math.Clamp(precision, 1, ColumnType.MaxDecimalPrecision), Math.Min(scale, ColumnType.MaxDecimalPrecision));

    /// <summary>The decimal type that holds every value of an integral or decimal type (Spark's DecimalType.forType).</summary>
    public static ColumnType? ForType(ColumnType t) => t.Kind switch
    {
        TypeKind.Int32 => ColumnType.Decimal(10, 0),
        TypeKind.Int64 => ColumnType.Decimal(20, 0),
        TypeKind.Decimal => t,
        _ => null,
    };

    /// <summary>Spark's DecimalType.fromLiteral for an integral literal: just enough digits for the value.</summary>
    public static ColumnType ForLiteral(Literal l)
    {
        long v = l.Value switch { int i => i, long x => x, _ => 0 };
        int digits = v == 0 ? 1 : (int)Math.Floor(Math.Log10(Math.Abs((double)v))) + 1;
        return ColumnType.Decimal(Math.Max(digits, 1), 0);
    }

    /// <summary>The narrowest decimal holding both (Spark's widerDecimalType).</summary>
    public static ColumnType Wider(ColumnType a, ColumnType b)
    {
        int scale = Math.Max(a.Scale, b.Scale);
        int range = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale);
        return Bounded(range + scale, scale);
    }
}
