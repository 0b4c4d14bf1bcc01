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

    /// <summary>The keys and null ranks of rows [0, rows) of <paramref name="vector"/>, in one typed loop.</summary>
    /// <param name="ranks">0 for nulls first, 2 for nulls last, 1 for values; a null's key is 0.</param>
    public static void Fill(ColumnVector vector, int rows, bool ascending, bool nullsFirst, Span<ulong> keys, Span<byte> ranks)
    {
        keys = keys[..rows];
        switch (vector)
        {
            case PrimitiveVector<long> v: FillLongs(v.Values[..rows], keys); break;
            case PrimitiveVector<int> v: FillInts(v.Values[..rows], keys); break;
            case PrimitiveVector<double> v: FillDoubles(v.Values[..rows], keys); break;
            case PrimitiveVector<float> v: FillFloats(v.Values[..rows], keys); break;
            default: throw new NotSupportedException($"no normalized key for {vector.GetType().Name}");
        }
        // Descending: flipping every bit reverses the unsigned order.
        if (!ascending) for (int r = 0; r < rows; r++) keys[r] = ~keys[r];
        ranks[..rows].Fill(1);
        if (!vector.HasNulls) return;
        byte nullRank = nullsFirst ? (byte)0 : (byte)2;
        for (int r = 0; r < rows; r++)
        {
            if (!vector.IsNull(r)) continue;
            ranks[r] = nullRank;
            keys[r] = 0;
        }
    }

    private static void FillLongs(ReadOnlySpan<long> values, Span<ulong> keys)
    {
        for (int r = 0; r < values.Length; r++) keys[r] = (ulong)values[r] ^ SignBit;
    }

    private static void FillInts(ReadOnlySpan<int> values, Span<ulong> keys)
    {
        for (int r = 0; r < values.Length; r++) keys[r] = (ulong)(long)values[r] ^ SignBit;
    }

    private static void FillDoubles(ReadOnlySpan<double> values, Span<ulong> keys)
    {
        for (int r = 0; r < values.Length; r++) keys[r] = Double(values[r]);
    }

    private static void FillFloats(ReadOnlySpan<float> values, Span<ulong> keys)
    {
        for (int r = 0; r < values.Length; r++) keys[r] = Double(values[r]);
    }

    private static ulong Double(double d)
    {
        if (double.IsNaN(d)) return ulong.MaxValue; // every NaN alike, above +Infinity
        if (d == 0) d = 0; // -0.0 orders as 0.0
        long bits = BitConverter.DoubleToInt64Bits(d);
        return bits < 0 ? ~(ulong)bits : (ulong)bits | SignBit;
    }
}
