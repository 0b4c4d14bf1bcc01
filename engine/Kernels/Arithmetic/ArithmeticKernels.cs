using System.Numerics;
using Kindling.Kernels.Common;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Kernels.Arithmetic;

/// <summary>
/// Element-wise arithmetic on two vectors of the same primitive type (Spark non-ANSI): integer overflow
/// wraps, division and remainder by zero give null. The result validity is the AND of the inputs'.
/// </summary>
internal static class ArithmeticKernels
{
    public static ColumnVector Evaluate(ArithmeticOp op, ColumnVector left, ColumnVector right, ColumnType resultType)
    {
        if (resultType.Kind == TypeKind.Decimal) return DecimalArithmetic.Evaluate(op, left, right, resultType);
        return (left, right) switch
        {
            (PrimitiveVector<int> a, PrimitiveVector<int> b) => Integral(op, a, b),
            (PrimitiveVector<long> a, PrimitiveVector<long> b) => Integral(op, a, b),
            (PrimitiveVector<float> a, PrimitiveVector<float> b) => Floating(op, a, b),
            (PrimitiveVector<double> a, PrimitiveVector<double> b) => Floating(op, a, b),
            _ => throw new InvalidOperationException($"internal error: no arithmetic kernel for {left.Type} {op} {right.Type}"),
        };
    }

    /// <summary>Column op constant, the common shape (<c>id % 3</c>, <c>price * 2</c>): no constant vector is built.</summary>
    public static ColumnVector? EvaluateScalar(ArithmeticOp op, ColumnVector left, object value)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return left switch
        {
            PrimitiveVector<int> a when left.Type.Kind == TypeKind.Int32 => IntegralScalar(op, a, Convert.ToInt32(value, inv)),
            PrimitiveVector<long> a when left.Type.Kind == TypeKind.Int64 => IntegralScalar(op, a, Convert.ToInt64(value, inv)),
            PrimitiveVector<double> a => FloatingScalar(op, a, Convert.ToDouble(value, inv)),
            PrimitiveVector<float> a => FloatingScalar(op, a, Convert.ToSingle(value, inv)),
            _ => null,
        };
    }

    private static PrimitiveVector<T> IntegralScalar<T>(ArithmeticOp op, PrimitiveVector<T> a, T c)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
    {
        int n = a.Length;
        if (op is ArithmeticOp.Divide or ArithmeticOp.Remainder && c == T.Zero)
            return new PrimitiveVector<T>(a.Type, new T[n], n, new byte[Validity.ByteLength(n)], n);
        var r = new T[n];
        ReadOnlySpan<T> x = a.Values;
        switch (op)
        {
            case ArithmeticOp.Add: for (int i = 0; i < n; i++) r[i] = unchecked(x[i] + c); break;
            case ArithmeticOp.Subtract: for (int i = 0; i < n; i++) r[i] = unchecked(x[i] - c); break;
            case ArithmeticOp.Multiply: for (int i = 0; i < n; i++) r[i] = unchecked(x[i] * c); break;
            case ArithmeticOp.Divide:
                if (c == T.NegativeOne) for (int i = 0; i < n; i++) r[i] = unchecked(T.Zero - x[i]);
                else for (int i = 0; i < n; i++) r[i] = x[i] / c;
                break;
            default:
                if (c != T.NegativeOne) for (int i = 0; i < n; i++) r[i] = x[i] % c;
                break;
        }
        return new PrimitiveVector<T>(a.Type, r, n, a.ValidityBits, a.NullCount);
    }

    private static PrimitiveVector<T> FloatingScalar<T>(ArithmeticOp op, PrimitiveVector<T> a, T c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Length;
        if (op is ArithmeticOp.Divide or ArithmeticOp.Remainder && c == T.Zero)
            return new PrimitiveVector<T>(a.Type, new T[n], n, new byte[Validity.ByteLength(n)], n);
        var r = new T[n];
        ReadOnlySpan<T> x = a.Values;
        switch (op)
        {
            case ArithmeticOp.Add: for (int i = 0; i < n; i++) r[i] = x[i] + c; break;
            case ArithmeticOp.Subtract: for (int i = 0; i < n; i++) r[i] = x[i] - c; break;
            case ArithmeticOp.Multiply: for (int i = 0; i < n; i++) r[i] = x[i] * c; break;
            case ArithmeticOp.Divide: for (int i = 0; i < n; i++) r[i] = x[i] / c; break;
            default: for (int i = 0; i < n; i++) r[i] = x[i] % c; break;
        }
        return new PrimitiveVector<T>(a.Type, r, n, a.ValidityBits, a.NullCount);
    }

    private static PrimitiveVector<T> Integral<T>(ArithmeticOp op, PrimitiveVector<T> a, PrimitiveVector<T> b)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
    {
        int n = a.Length;
        var result = new T[n];
        var validity = VectorKernels.AndValidity(a.ValidityBits, b.ValidityBits, n);
        ReadOnlySpan<T> x = a.Values, y = b.Values;
        switch (op)
        {
            case ArithmeticOp.Add: Add(x, y, result); break;
            case ArithmeticOp.Subtract: Subtract(x, y, result); break;
            case ArithmeticOp.Multiply: Multiply(x, y, result); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    T d = y[i];
                    if (d == T.Zero)
                    {
                        validity ??= Validity.AllValid(n);
                        Validity.SetNull(validity, i);
                        continue;
                    }
                    // MinValue / -1 overflows in .NET; Java wraps to MinValue (and the remainder is 0).
                    if (d == T.NegativeOne) result[i] = op == ArithmeticOp.Divide ? T.Zero - x[i] : T.Zero;
                    else result[i] = op == ArithmeticOp.Divide ? x[i] / d : x[i] % d;
                }
                break;
        }
        return new PrimitiveVector<T>(a.Type, result, n, validity);
    }

    private static PrimitiveVector<T> Floating<T>(ArithmeticOp op, PrimitiveVector<T> a, PrimitiveVector<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Length;
        var result = new T[n];
        var validity = VectorKernels.AndValidity(a.ValidityBits, b.ValidityBits, n);
        ReadOnlySpan<T> x = a.Values, y = b.Values;
        switch (op)
        {
            case ArithmeticOp.Add: Add(x, y, result); break;
            case ArithmeticOp.Subtract: Subtract(x, y, result); break;
            case ArithmeticOp.Multiply: Multiply(x, y, result); break;
            default:
                for (int i = 0; i < n; i++)
                {
                    T d = y[i];
                    if (d == T.Zero)
                    {
                        validity ??= Validity.AllValid(n);
                        Validity.SetNull(validity, i);
                        continue;
                    }
                    result[i] = op == ArithmeticOp.Divide ? x[i] / d : x[i] % d;
                }
                break;
        }
        return new PrimitiveVector<T>(a.Type, result, n, validity);
    }

    // Wrapping (unchecked) element loops; the JIT vectorizes these for primitive T.
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> r) where T : INumberBase<T>
    {
        for (int i = 0; i < r.Length; i++) r[i] = unchecked(x[i] + y[i]);
    }

    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> r) where T : INumberBase<T>
    {
        for (int i = 0; i < r.Length; i++) r[i] = unchecked(x[i] - y[i]);
    }

    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> r) where T : INumberBase<T>
    {
        for (int i = 0; i < r.Length; i++) r[i] = unchecked(x[i] * y[i]);
    }

    public static ColumnVector Negate(ColumnVector v) => v switch
    {
        PrimitiveVector<int> a => NegateT(a),
        PrimitiveVector<long> a => NegateT(a),
        PrimitiveVector<float> a => NegateT(a),
        PrimitiveVector<double> a => NegateT(a),
        PrimitiveVector<Int128> a => NegateT(a),
        _ => throw new InvalidOperationException($"internal error: cannot negate {v.Type}"),
    };

    private static PrimitiveVector<T> NegateT<T>(PrimitiveVector<T> a) where T : unmanaged, INumberBase<T>
    {
        var r = new T[a.Length];
        var x = a.Values;
        for (int i = 0; i < r.Length; i++) r[i] = unchecked(-x[i]);
        return new PrimitiveVector<T>(a.Type, r, a.Length, a.ValidityBits, a.NullCount);
    }
}
