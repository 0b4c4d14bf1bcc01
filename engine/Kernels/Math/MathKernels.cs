using System.Numerics;
using Kindling.Kernels.Arithmetic;
using Kindling.Vectors;

namespace Kindling.Kernels.Mathematics;

/// <summary>round/bround/floor/ceil/abs/sqrt/pow. round is HALF_UP (half away from zero), bround HALF_EVEN, like Spark.</summary>
internal static class MathKernels
{
    public static ColumnVector Round(ColumnVector v, int scale, ColumnType resultType, bool halfEven)
    {
        int n = v.Length;
        var mode = halfEven ? MidpointRounding.ToEven : MidpointRounding.AwayFromZero;
        switch (v)
        {
            case PrimitiveVector<double> d:
            {
                var r = new double[n];
                for (int i = 0; i < n; i++) r[i] = RoundDouble(d[i], scale, mode);
                return new PrimitiveVector<double>(resultType, r, n, v.ValidityBits, v.NullCount);
            }
            case PrimitiveVector<float> f:
            {
                var r = new float[n];
                for (int i = 0; i < n; i++) r[i] = (float)RoundDouble(f[i], scale, mode);
                return new PrimitiveVector<float>(resultType, r, n, v.ValidityBits, v.NullCount);
            }
            case PrimitiveVector<int> k when scale >= 0: return v;
            case PrimitiveVector<long> l when v.Type.Kind == TypeKind.Int64 && scale >= 0: return v;
            case PrimitiveVector<int> k:
            {
                var r = new int[n];
                for (int i = 0; i < n; i++) r[i] = (int)RoundIntegral(k[i], -scale, halfEven);
                return new PrimitiveVector<int>(resultType, r, n, v.ValidityBits, v.NullCount);
            }
            case PrimitiveVector<long> l when v.Type.Kind == TypeKind.Int64:
            {
                var r = new long[n];
                for (int i = 0; i < n; i++) r[i] = RoundIntegral(l[i], -scale, halfEven);
                return new PrimitiveVector<long>(resultType, r, n, v.ValidityBits, v.NullCount);
            }
        }
        // decimals: rescale the unscaled value to the result scale with the rounding mode.
        var big = new BigInteger[n];
        int from = v.Type.Scale, to = resultType.Scale;
        for (int i = 0; i < n; i++)
        {
            if (v.IsNull(i)) continue;
            var u = DecimalArithmetic.Unscaled(v, i);
            int target = Math.Min(scale, from);
            BigInteger rounded = halfEven ? RescaleHalfEven(u, from, target) : DecimalArithmetic.Rescale(u, from, target);
            big[i] = DecimalArithmetic.Rescale(rounded, target, to);
        }
        if (resultType.IsWideDecimal)
            return new PrimitiveVector<Int128>(resultType, big.Select(b => (Int128)b).ToArray(), n, v.ValidityBits, v.NullCount);
        return new PrimitiveVector<long>(resultType, big.Select(b => (long)b).ToArray(), n, v.ValidityBits, v.NullCount);
    }

    private static BigInteger RescaleHalfEven(BigInteger value, int from, int to)
    {
        if (to >= from) return value * BigInteger.Pow(10, to - from);
        var div = BigInteger.Pow(10, from - to);
        var q = BigInteger.DivRem(value, div, out var rem);
        var twice = BigInteger.Abs(rem) * 2;
        if (twice > div || (twice == div && !q.IsEven)) q += value.Sign;
        return q;
    }

    /// <summary>Spark rounds doubles through BigDecimal: exact decimal value of the shortest representation.</summary>
    public static double RoundDouble(double d, int scale, MidpointRounding mode)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) return d;
        if (scale >= 0 && scale <= 28 && Math.Abs(d) < 7.9e27)
        {
            decimal m = decimal.Parse(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            return (double)decimal.Round(m, scale, mode);
        }
        double p = Math.Pow(10, scale);
        return Math.Round(d * p, mode) / p;
    }

    private static long RoundIntegral(long v, int digits, bool halfEven)
    {
        if (digits <= 0) return v;
        if (digits > 18) return 0;
        long p = DecimalValue.Pow10(digits);
        long q = Math.DivRem(v, p, out long rem);
        long twice = Math.Abs(rem) * 2;
        if (twice > p || (twice == p && (!halfEven || (q & 1) != 0))) q += Math.Sign(v);
        return q * p;
    }

    public static ColumnVector FloorCeil(ColumnVector v, ColumnType resultType, bool ceil)
    {
        int n = v.Length;
        if (v.Type.Kind is TypeKind.Int32 or TypeKind.Int64)
            return Cast.CastKernels.Cast(v, resultType);
        if (v is PrimitiveVector<double> or PrimitiveVector<float>)
        {
            var d = (PrimitiveVector<double>)Cast.CastKernels.Cast(v, ColumnType.Float64);
            var r = new long[n];
            for (int i = 0; i < n; i++) r[i] = long.CreateSaturating(ceil ? Math.Ceiling(d[i]) : Math.Floor(d[i]));
            return new PrimitiveVector<long>(resultType, r, n, v.ValidityBits, v.NullCount);
        }
        var big = new BigInteger[n];
        var pow = BigInteger.Pow(10, v.Type.Scale);
        for (int i = 0; i < n; i++)
        {
            if (v.IsNull(i)) continue;
            var q = BigInteger.DivRem(DecimalArithmetic.Unscaled(v, i), pow, out var rem);
            if (!rem.IsZero && (rem.Sign > 0) == ceil) q += rem.Sign;
            big[i] = q;
        }
        if (resultType.IsWideDecimal)
            return new PrimitiveVector<Int128>(resultType, big.Select(b => (Int128)b).ToArray(), n, v.ValidityBits, v.NullCount);
        return new PrimitiveVector<long>(resultType, big.Select(b => (long)b).ToArray(), n, v.ValidityBits, v.NullCount);
    }

    public static ColumnVector Abs(ColumnVector v) => v switch
    {
        PrimitiveVector<int> x => AbsT(x),
        PrimitiveVector<long> x => AbsT(x),
        PrimitiveVector<float> x => AbsT(x),
        PrimitiveVector<double> x => AbsT(x),
        PrimitiveVector<Int128> x => AbsT(x),
        _ => throw new InvalidOperationException($"internal error: abs of {v.Type}"),
    };

    /// <summary>|x|; the minimum integer stays itself (Java's Math.abs wraps the same way).</summary>
    private static PrimitiveVector<T> AbsT<T>(PrimitiveVector<T> v) where T : unmanaged, INumberBase<T>
    {
        var r = new T[v.Length];
        var x = v.Values;
        for (int i = 0; i < r.Length; i++) r[i] = T.IsNegative(x[i]) ? unchecked(-x[i]) : x[i];
        return new PrimitiveVector<T>(v.Type, r, v.Length, v.ValidityBits, v.NullCount);
    }

    public static PrimitiveVector<double> Sqrt(PrimitiveVector<double> v)
    {
        var r = new double[v.Length];
        var x = v.Values;
        for (int i = 0; i < r.Length; i++) r[i] = Math.Sqrt(x[i]);
        return new PrimitiveVector<double>(v.Type, r, v.Length, v.ValidityBits, v.NullCount);
    }

    public static PrimitiveVector<double> Pow(PrimitiveVector<double> a, PrimitiveVector<double> b)
    {
        var r = new double[a.Length];
        for (int i = 0; i < r.Length; i++) r[i] = Math.Pow(a[i], b[i]);
        return new PrimitiveVector<double>(ColumnType.Float64, r, a.Length, Common.VectorKernels.AndValidity(a.ValidityBits, b.ValidityBits, a.Length));
    }
}
