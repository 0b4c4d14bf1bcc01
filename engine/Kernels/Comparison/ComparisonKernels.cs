using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Kindling.Kernels.Common;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Kernels.Comparison;

/// <summary>
/// Comparisons producing a boolean vector (byte 0/1 mask + validity). Both sides have the same type.
/// Strings compare by UTF-8 bytes (= code point order, Spark's UTF8String order); floating point uses
/// Spark's order (NaN equals NaN and is greater than any other value; -0.0 equals 0.0).
/// </summary>
internal static class ComparisonKernels
{
    public static PrimitiveVector<byte> Compare(ComparisonOp op, ColumnVector left, ColumnVector right)
    {
        int n = left.Length;
        var mask = new byte[n];
        var l = VectorKernels.Decode(left);
        var r = VectorKernels.Decode(right);
        switch (l, r)
        {
            case (PrimitiveVector<int> a, PrimitiveVector<int> b): Ordered(op, a.Values, b.Values, mask); break;
            case (PrimitiveVector<long> a, PrimitiveVector<long> b): Ordered(op, a.Values, b.Values, mask); break;
            case (PrimitiveVector<byte> a, PrimitiveVector<byte> b): Ordered(op, a.Values, b.Values, mask); break;
            case (PrimitiveVector<Int128> a, PrimitiveVector<Int128> b): Ordered(op, a.Values, b.Values, mask); break;
            case (PrimitiveVector<float> a, PrimitiveVector<float> b): Floating(op, a.Values, b.Values, mask); break;
            case (PrimitiveVector<double> a, PrimitiveVector<double> b): Floating(op, a.Values, b.Values, mask); break;
            case (StringVector a, StringVector b):
                for (int i = 0; i < n; i++) mask[i] = Test(op, a.GetBytes(i).SequenceCompareTo(b.GetBytes(i)));
                break;
            default:
                if (l.Type.Kind == TypeKind.Null || r.Type.Kind == TypeKind.Null) break;
                throw new InvalidOperationException($"internal error: no comparison kernel for {left.Type} and {right.Type}");
        }
        return Finish(op, mask, l, r, n);
    }

    /// <summary>Column versus constant, the common filter shape: no constant vector is materialized.</summary>
    public static PrimitiveVector<byte> CompareScalar(ComparisonOp op, ColumnVector left, object value)
    {
        int n = left.Length;
        var mask = new byte[n];
        if (left is DictionaryVector d && value is string s)
        {
            // Compare each dictionary entry once, then map by code.
            var dictMask = CompareScalar(op, d.Dictionary, s);
            var codes = d.Indices;
            var dm = dictMask.Values;
            if (d.HasNulls)
            {
                for (int i = 0; i < n; i++) if (d.IsValid(i)) mask[i] = dm[codes[i]]; // null rows hold unspecified codes
            }
            else
            {
                for (int i = 0; i < n; i++) mask[i] = dm[codes[i]];
            }
            return Finish(op, mask, d, null, n);
        }
        var l = VectorKernels.Decode(left);
        switch (l)
        {
            case PrimitiveVector<int> a: OrderedScalar(op, a.Values, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), mask); break;
            case PrimitiveVector<long> a: OrderedScalar(op, a.Values, ToLong(value, l.Type), mask); break;
            case PrimitiveVector<byte> a: OrderedScalar(op, a.Values, value is true ? (byte)1 : (byte)0, mask); break;
            case PrimitiveVector<Int128> a: OrderedScalar(op, a.Values, DecimalValue.ToUnscaledInt128(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), l.Type.Scale), mask); break;
            case PrimitiveVector<double> a:
            {
                double c = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                var x = a.Values;
                for (int i = 0; i < n; i++) mask[i] = Test(op, CompareFloat(x[i], c));
                break;
            }
            case PrimitiveVector<float> a:
            {
                float c = Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture);
                var x = a.Values;
                for (int i = 0; i < n; i++) mask[i] = Test(op, CompareFloat(x[i], c));
                break;
            }
            case StringVector a:
            {
                byte[] c = value as byte[] ?? System.Text.Encoding.UTF8.GetBytes((string)value);
                for (int i = 0; i < n; i++) mask[i] = Test(op, a.GetBytes(i).SequenceCompareTo(c));
                break;
            }
            default:
                throw new InvalidOperationException($"internal error: no comparison kernel for {left.Type}");
        }
        return Finish(op, mask, l, null, n);
    }

    private static long ToLong(object value, ColumnType type) =>
        type.Kind == TypeKind.Decimal ? DecimalValue.ToUnscaledInt64(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), type.Scale)
        : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    private static PrimitiveVector<byte> Finish(ComparisonOp op, byte[] mask, ColumnVector l, ColumnVector? r, int n)
    {
        if (op == ComparisonOp.EqualNullSafe)
        {
            // null <=> null is true, null <=> x is false; never null.
            if (l.HasNulls || (r?.HasNulls ?? false))
                for (int i = 0; i < n; i++)
                {
                    bool ln = l.IsNull(i), rn = r?.IsNull(i) ?? false;
                    if (ln || rn) mask[i] = ln && rn ? (byte)1 : (byte)0;
                }
            return new PrimitiveVector<byte>(ColumnType.Boolean, mask, n);
        }
        byte[]? validity = VectorKernels.AndValidity(l.ValidityBits, r?.ValidityBits, n);
        if (l.Type.Kind == TypeKind.Null || r?.Type.Kind == TypeKind.Null) validity = new byte[Validity.ByteLength(n)];
        return new PrimitiveVector<byte>(ColumnType.Boolean, mask, n, validity);
    }

    private static void Ordered<T>(ComparisonOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<byte> mask) where T : IComparisonOperators<T, T, bool>
    {
        switch (op)
        {
            case ComparisonOp.Equal:
            case ComparisonOp.EqualNullSafe: for (int i = 0; i < mask.Length; i++) mask[i] = x[i] == y[i] ? (byte)1 : (byte)0; break;
            case ComparisonOp.NotEqual: for (int i = 0; i < mask.Length; i++) mask[i] = x[i] != y[i] ? (byte)1 : (byte)0; break;
            case ComparisonOp.LessThan: for (int i = 0; i < mask.Length; i++) mask[i] = x[i] < y[i] ? (byte)1 : (byte)0; break;
            case ComparisonOp.LessThanOrEqual: for (int i = 0; i < mask.Length; i++) mask[i] = x[i] <= y[i] ? (byte)1 : (byte)0; break;
            case ComparisonOp.GreaterThan: for (int i = 0; i < mask.Length; i++) mask[i] = x[i] > y[i] ? (byte)1 : (byte)0; break;
            default: for (int i = 0; i < mask.Length; i++) mask[i] = x[i] >= y[i] ? (byte)1 : (byte)0; break;
        }
    }

    /// <summary>Chosen once: whether the 256-bit path runs (the scalar twin below is the reference and the tail).</summary>
    private static readonly bool s_useVector256 = Vector256.IsHardwareAccelerated;

    private static void OrderedScalar<T>(ComparisonOp op, ReadOnlySpan<T> x, T c, Span<byte> mask) where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        int done = 0;
        if (s_useVector256 && (typeof(T) == typeof(int) || typeof(T) == typeof(long)))
            done = OrderedScalarVector256(op, x, c, mask);
        OrderedScalarScalar(op, x[done..], c, mask[done..]);
    }

    /// <summary>SIMD twin of <see cref="OrderedScalarScalar"/> for int/long: whole vectors only; returns how many rows it did.</summary>
    internal static int OrderedScalarVector256<T>(ComparisonOp op, ReadOnlySpan<T> x, T c, Span<byte> mask) where T : unmanaged
    {
        int lanes = Vector256<T>.Count;
        int n = x.Length - x.Length % lanes;
        var cv = Vector256.Create(c);
        ref T start = ref MemoryMarshal.GetReference(x);
        for (int i = 0; i < n; i += lanes)
        {
            var v = Vector256.LoadUnsafe(ref start, (nuint)i);
            var m = op switch
            {
                ComparisonOp.Equal or ComparisonOp.EqualNullSafe => Vector256.Equals(v, cv),
                ComparisonOp.NotEqual => ~Vector256.Equals(v, cv),
                ComparisonOp.LessThan => Vector256.LessThan(v, cv),
                ComparisonOp.LessThanOrEqual => Vector256.LessThanOrEqual(v, cv),
                ComparisonOp.GreaterThan => Vector256.GreaterThan(v, cv),
                _ => Vector256.GreaterThanOrEqual(v, cv),
            };
            uint bits = m.ExtractMostSignificantBits();
            for (int j = 0; j < lanes; j++) mask[i + j] = (byte)((bits >> j) & 1);
        }
        return n;
    }

    internal static void OrderedScalarScalar<T>(ComparisonOp op, ReadOnlySpan<T> x, T c, Span<byte> mask) where T : IComparisonOperators<T, T, bool>
    {
        switch (op)
        {
            case ComparisonOp.Equal:
            case ComparisonOp.EqualNullSafe: for (int i = 0; i < x.Length; i++) mask[i] = x[i] == c ? (byte)1 : (byte)0; break;
            case ComparisonOp.NotEqual: for (int i = 0; i < x.Length; i++) mask[i] = x[i] != c ? (byte)1 : (byte)0; break;
            case ComparisonOp.LessThan: for (int i = 0; i < x.Length; i++) mask[i] = x[i] < c ? (byte)1 : (byte)0; break;
            case ComparisonOp.LessThanOrEqual: for (int i = 0; i < x.Length; i++) mask[i] = x[i] <= c ? (byte)1 : (byte)0; break;
            case ComparisonOp.GreaterThan: for (int i = 0; i < x.Length; i++) mask[i] = x[i] > c ? (byte)1 : (byte)0; break;
            default: for (int i = 0; i < x.Length; i++) mask[i] = x[i] >= c ? (byte)1 : (byte)0; break;
        }
    }

    private static void Floating<T>(ComparisonOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<byte> mask) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < mask.Length; i++) mask[i] = Test(op, CompareFloat(x[i], y[i]));
    }

    /// <summary>Spark's total order on floating point: NaN = NaN, NaN above everything, -0.0 = 0.0.</summary>
    public static int CompareFloat<T>(T a, T b) where T : IFloatingPointIeee754<T>
    {
        if (a < b) return -1;
        if (a > b) return 1;
        if (a == b) return 0;
        bool an = T.IsNaN(a), bn = T.IsNaN(b);
        return an == bn ? 0 : an ? 1 : -1;
    }

    public static byte Test(ComparisonOp op, int cmp) => op switch
    {
        ComparisonOp.Equal or ComparisonOp.EqualNullSafe => cmp == 0 ? (byte)1 : (byte)0,
        ComparisonOp.NotEqual => cmp != 0 ? (byte)1 : (byte)0,
        ComparisonOp.LessThan => cmp < 0 ? (byte)1 : (byte)0,
        ComparisonOp.LessThanOrEqual => cmp <= 0 ? (byte)1 : (byte)0,
        ComparisonOp.GreaterThan => cmp > 0 ? (byte)1 : (byte)0,
        _ => cmp >= 0 ? (byte)1 : (byte)0,
    };
}
