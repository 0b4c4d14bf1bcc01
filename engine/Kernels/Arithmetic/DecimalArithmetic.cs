using System.Numerics;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Kernels.Arithmetic;

/// <summary>
/// Decimal + - * / % on unscaled values with Spark's result precision/scale; results are rounded
/// HALF_UP to the result scale, and values that do not fit the result precision become null.
/// </summary>
internal static class DecimalArithmetic
{
    public static ColumnVector Evaluate(ArithmeticOp op, ColumnVector left, ColumnVector right, ColumnType resultType)
    {
        int n = left.Length;
        int s1 = left.Type.Scale, s2 = right.Type.Scale, s = resultType.Scale;
        Int128 limit = DecimalValue.Pow10Wide(resultType.Precision);
        var wide = resultType.IsWideDecimal ? new Int128[n] : null;
        var narrow = wide is null ? new long[n] : null;
        byte[]? validity = Common.VectorKernels.AndValidity(left.ValidityBits, right.ValidityBits, n);
        for (int i = 0; i < n; i++)
        {
            if (validity is not null && !Validity.IsValid(validity, i)) continue;
            BigInteger a = Unscaled(left, i), b = Unscaled(right, i);
            BigInteger r;
            bool ok = true;
            switch (op)
            {
                case ArithmeticOp.Add:
                case ArithmeticOp.Subtract:
                {
                    int sc = Math.Max(s1, s2);
                    a *= BigInteger.Pow(10, sc - s1);
                    b *= BigInteger.Pow(10, sc - s2);
                    r = Rescale(op == ArithmeticOp.Add ? a + b : a - b, sc, s);
                    break;
                }
                case ArithmeticOp.Multiply:
                    r = Rescale(a * b, s1 + s2, s);
                    break;
                case ArithmeticOp.Divide:
                    if (b.IsZero) { ok = false; r = default; break; }
                    // a/10^s1 / (b/10^s2) at scale s = a * 10^(s - s1 + s2) / b, rounded half up.
                    r = DivideHalfUp(a * BigInteger.Pow(10, s - s1 + s2 + 0), b);
                    break;
                default:
                {
                    if (b.IsZero) { ok = false; r = default; break; }
                    int sc = Math.Max(s1, s2);
                    a *= BigInteger.Pow(10, sc - s1);
                    b *= BigInteger.Pow(10, sc - s2);
                    r = Rescale(BigInteger.Remainder(a, b), sc, s);
                    break;
                }
            }
            if (ok && BigInteger.Abs(r) >= (BigInteger)limit) ok = false;
            if (!ok)
            {
                validity ??= Validity.AllValid(n);
                Validity.SetNull(validity, i);
                continue;
            }
            if (wide is not null) wide[i] = (Int128)r;
            else narrow![i] = (long)r;
        }
        return wide is not null
            ? new PrimitiveVector<Int128>(resultType, wide, n, validity)
            : new PrimitiveVector<long>(resultType, narrow!, n, validity);
    }

    public static BigInteger Unscaled(ColumnVector v, int i) => v switch
    {
        PrimitiveVector<long> l => l[i],
        PrimitiveVector<Int128> w => (BigInteger)w[i],
        _ => throw new InvalidOperationException($"internal error: {v.Type} is not a decimal vector"),
    };

    /// <summary>Changes the scale of an unscaled value, rounding half away from zero (Spark's HALF_UP).</summary>
    public static BigInteger Rescale(BigInteger value, int fromScale, int toScale)
    {
        if (toScale >= fromScale) return value * BigInteger.Pow(10, toScale - fromScale);
        return DivideHalfUp(value, BigInteger.Pow(10, fromScale - toScale));
    }

    public static BigInteger DivideHalfUp(BigInteger a, BigInteger b)
    {
        var q = BigInteger.DivRem(a, b, out var rem);
        if (rem.IsZero) return q;
        if (BigInteger.Abs(rem) * 2 >= BigInteger.Abs(b))
            q += (a.Sign * b.Sign) < 0 ? -1 : 1;
        return q;
    }
}
