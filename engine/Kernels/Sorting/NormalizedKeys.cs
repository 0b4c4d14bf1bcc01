using Kindling.Vectors;

namespace Kindling.Kernels.Sorting;

/// <summary>
/// Fixed-width values as unsigned numbers that order like Spark orders the column (integers by value, doubles
/// with -0.0 equal to 0.0 and NaN greatest), flipped for descending order; nulls get a rank before or after
/// every value instead. Comparing (rank, key) pairs then needs no per-row type dispatch.
/// </summary>
internal static class NormalizedKeys
{
    private const ulong SignBit = 0x8000_0000_0000_0000;

    public static bool Supports(ColumnType type) =>
        type.Kind is TypeKind.Int32 or TypeKind.Date or TypeKind.Int64 or TypeKind.Timestamp or TypeKind.Float32 or TypeKind.Float64
        || (type.Kind == TypeKind.Decimal && !type.IsWideDecimal);

    /// <param name="rank">0 for nulls first, 2 for nulls last, 1 for values.</param>
    public static ulong Key(ColumnVector vector, int row, bool ascending, bool nullsFirst, out byte rank)
    {
        if (vector.IsNull(row))
        {
            rank = nullsFirst ? (byte)0 : (byte)2;
            return 0;
        }
        rank = 1;
        ulong key = vector switch
        {
            PrimitiveVector<long> v => (ulong)v[row] ^ SignBit,
            PrimitiveVector<int> v => (ulong)(long)v[row] ^ SignBit,
            PrimitiveVector<double> v => Double(v[row]),
            PrimitiveVector<float> v => Double(v[row]),
            _ => throw new NotSupportedException($"no normalized key for {vector.GetType().Name}"),
        };
        return ascending ? key : ~key;
    }

    private static ulong Double(double d)
    {
        if (double.IsNaN(d)) return ulong.MaxValue; // every NaN alike, above +Infinity
        if (d == 0) d = 0; // -0.0 orders as 0.0
        long bits = BitConverter.DoubleToInt64Bits(d);
        return bits < 0 ? ~(ulong)bits : (ulong)bits | SignBit;
    }
}
