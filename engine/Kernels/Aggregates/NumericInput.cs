using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>Reads numeric vectors of any physical type as doubles, for the floating-point aggregates.</summary>
internal static class NumericInput
{
    public static void ToDoubles(ColumnVector v, int rows, Span<double> destination)
    {
        switch (v)
        {
            case PrimitiveVector<double> p: p.Values[..rows].CopyTo(destination); break;
            case PrimitiveVector<float> p: { ReadOnlySpan<float> s = p.Values; for (int i = 0; i < rows; i++) destination[i] = s[i]; break; }
            case PrimitiveVector<int> p: { ReadOnlySpan<int> s = p.Values; for (int i = 0; i < rows; i++) destination[i] = s[i]; break; }
            case PrimitiveVector<long> p when p.Type.Kind == TypeKind.Decimal:
            {
                ReadOnlySpan<long> s = p.Values;
                double scale = Math.Pow(10, p.Type.Scale);
                for (int i = 0; i < rows; i++) destination[i] = s[i] / scale;
                break;
            }
            case PrimitiveVector<long> p: { ReadOnlySpan<long> s = p.Values; for (int i = 0; i < rows; i++) destination[i] = s[i]; break; }
            case PrimitiveVector<Int128> p:
            {
                ReadOnlySpan<Int128> s = p.Values;
                double scale = Math.Pow(10, p.Type.Scale);
                for (int i = 0; i < rows; i++) destination[i] = (double)s[i] / scale;
                break;
            }
            case PrimitiveVector<byte> p: { ReadOnlySpan<byte> s = p.Values; for (int i = 0; i < rows; i++) destination[i] = s[i]; break; }
            default: throw new NotSupportedException($"{v.Type} is not numeric");
        }
    }

    public static bool IsNumeric(ColumnType t) => t.Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Float32 or TypeKind.Float64 or TypeKind.Decimal;
}
