using System.Text;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Scan;

/// <summary>Builds a vector that repeats one value (a file's partition value) for every row of a batch.</summary>
internal static class ConstantVectors
{
    public static ColumnVector Create(ColumnType type, object? value, int length)
    {
        if (value is null)
        {
            byte[] bits = new byte[Validity.ByteLength(length)];
            return type.Kind switch
            {
                TypeKind.String or TypeKind.Binary => new StringVector(type, new int[length + 1], [], length, bits, length),
                TypeKind.Int32 or TypeKind.Date => new PrimitiveVector<int>(type, new int[length], length, bits, length),
                TypeKind.Int64 or TypeKind.Timestamp => new PrimitiveVector<long>(type, new long[length], length, bits, length),
                TypeKind.Decimal when !type.IsWideDecimal => new PrimitiveVector<long>(type, new long[length], length, bits, length),
                TypeKind.Decimal => new PrimitiveVector<Int128>(type, new Int128[length], length, bits, length),
                TypeKind.Float32 => new PrimitiveVector<float>(type, new float[length], length, bits, length),
                TypeKind.Float64 => new PrimitiveVector<double>(type, new double[length], length, bits, length),
                TypeKind.Array => Kernels.Common.VectorKernels.Nulls(type, length),
                _ => new PrimitiveVector<byte>(type, new byte[length], length, bits, length),
            };
        }
        switch (type.Kind)
        {
            case TypeKind.String:
            {
                byte[] v = Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                var bytes = new byte[Math.Max(1, (long)v.Length * length)];
                var offsets = new int[length + 1];
                for (int i = 0; i < length; i++)
                {
                    v.CopyTo(bytes, (long)i * v.Length);
                    offsets[i + 1] = (i + 1) * v.Length;
                }
                return new StringVector(type, offsets, bytes, length);
            }
            case TypeKind.Boolean: return Fill(type, (bool)value ? (byte)1 : (byte)0, length);
            case TypeKind.Int32: return Fill(type, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), length);
            case TypeKind.Int64: return Fill(type, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), length);
            case TypeKind.Float32: return Fill(type, Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture), length);
            case TypeKind.Float64: return Fill(type, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), length);
            case TypeKind.Date: return Fill(type, TemporalConstants.ToEpochDays((DateOnly)value), length);
            case TypeKind.Timestamp: return Fill(type, TemporalConstants.ToEpochMicros((DateTime)value), length);
            case TypeKind.Decimal when !type.IsWideDecimal: return Fill(type, DecimalValue.ToUnscaledInt64(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), type.Scale), length);
            case TypeKind.Decimal: return Fill(type, DecimalValue.ToUnscaledInt128(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), type.Scale), length);
            default: throw new NotSupportedException($"partition values of type {type} are not supported");
        }
    }

    private static PrimitiveVector<T> Fill<T>(ColumnType type, T value, int length) where T : unmanaged
    {
        var values = new T[length];
        values.AsSpan().Fill(value);
        return new PrimitiveVector<T>(type, values, length);
    }
}
