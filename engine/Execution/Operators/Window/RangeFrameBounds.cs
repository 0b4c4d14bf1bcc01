using Kindling.Vectors;

namespace Kindling.Execution.Operators.Window;

/// <summary>
/// RANGE frames with value offsets (<c>RANGE BETWEEN 3 PRECEDING AND 1 FOLLOWING</c>) over one numeric or date order
/// key, as Spark defines them: a row's frame holds the rows of its partition whose key lies within the offsets of
/// its own key, "preceding" meaning earlier in the sort order (smaller keys ascending, larger descending). A row with
/// a null key frames only the null keys (its peers), plus the partition's end for an unbounded side. Decimal keys take
/// offsets in whole units; dates in days.
/// </summary>
internal static class RangeFrameBounds
{
    public static bool Supports(ColumnType type) =>
        type.Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Date or TypeKind.Float32 or TypeKind.Float64
        || (type.Kind == TypeKind.Decimal && !type.IsWideDecimal);

    /// <summary>Each sorted position's frame [lo, hi); <paramref name="perm"/> lists rows in sorted order.</summary>
    public static void Compute(ColumnVector keys, bool ascending, WindowFrame frame, int[] perm, int[] partStart, int[] partEnd,
        int[] peerStart, int[] peerEnd, int[] lo, int[] hi)
    {
        int n = perm.Length;
        // Keys in sorted order as doubles (exact for the integers of dates and ids below 2^53) and scaled for decimals.
        var values = new double[n];
        var isNull = new bool[n];
        double unit = keys.Type.Kind == TypeKind.Decimal ? Math.Pow(10, keys.Type.Scale) : 1;
        for (int p = 0; p < n; p++)
        {
            int r = perm[p];
            isNull[p] = keys.IsNull(r);
            if (isNull[p]) continue;
            values[p] = keys switch
            {
                PrimitiveVector<int> v => v[r],
                PrimitiveVector<long> v => v[r],
                PrimitiveVector<double> v => v[r],
                PrimitiveVector<float> v => v[r],
                _ => throw new NotSupportedException($"RANGE frames with value offsets need a numeric or date order key, not {keys.Type}"),
            };
        }
        double startOffset = frame.Start * unit, endOffset = frame.End * unit;
        int first = 0, last = 0;
        for (int p = 0; p < n; p++)
        {
            int ps = partStart[p], pe = partEnd[p];
            if (p == ps)
            {
                // The partition's non-null keys are one run (nulls sort first or last): found once per partition.
                first = ps;
                last = pe;
                while (first < last && isNull[first]) first++;
                while (last > first && isNull[last - 1]) last--;
            }
            if (isNull[p])
            {
                lo[p] = frame.Start == long.MinValue ? ps : peerStart[p];
                hi[p] = frame.End == long.MaxValue ? pe : peerEnd[p];
                continue;
            }
            lo[p] = frame.Start == long.MinValue ? ps : FirstAtOrAfter(values, first, last, Bound(values[p], startOffset, ascending), ascending);
            hi[p] = frame.End == long.MaxValue ? pe : FirstAfter(values, first, last, Bound(values[p], endOffset, ascending), ascending);
        }
    }

    /// <summary>The key an offset reaches: offsets count along the sort order.</summary>
    private static double Bound(double key, double offset, bool ascending) => ascending ? key + offset : key - offset;

    /// <summary>The first position in [from, to) whose key is at or past <paramref name="bound"/> in sort order.</summary>
    private static int FirstAtOrAfter(double[] values, int from, int to, double bound, bool ascending)
    {
        while (from < to)
        {
            int mid = (from + to) >>> 1;
            if (ascending ? values[mid] < bound : values[mid] > bound) from = mid + 1;
            else to = mid;
        }
        return from;
    }

    /// <summary>The first position in [from, to) whose key is past <paramref name="bound"/> in sort order.</summary>
    private static int FirstAfter(double[] values, int from, int to, double bound, bool ascending)
    {
        while (from < to)
        {
            int mid = (from + to) >>> 1;
            if (ascending ? values[mid] <= bound : values[mid] >= bound) from = mid + 1;
            else to = mid;
        }
        return from;
    }
}
