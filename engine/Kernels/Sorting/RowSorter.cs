using Kindling.Vectors;

namespace Kindling.Kernels.Sorting;

/// <summary>
/// Stable sorted permutations of a batch's rows. When the keys are fixed width and fit 128 bits together with
/// the row index (with a null bit per nullable key), each row becomes one normalized unsigned integer — key bits, then the row
/// index, so equal keys keep input order — sorted as plain integers; otherwise rows are compared key by
/// key through <see cref="RowComparer"/>. Both sort chunks in parallel and merge.
/// </summary>
internal static class RowSorter
{
    /// <summary>
    /// A sorted permutation plus, when the normalized-key path ran, where runs of equal leading keys
    /// (the first prefixKeys keys) and of equal full keys start in sorted order (null otherwise).
    /// </summary>
    public sealed record Result(int[] Permutation, bool[]? NewPrefixRun, bool[]? NewKeyRun);

    public static int[] SortedPermutation(ColumnBatch batch, IReadOnlyList<(int Column, bool Ascending, bool NullsFirst)> keys, int degreeOfParallelism) =>
        Sort(batch, keys, degreeOfParallelism, -1).Permutation;

    /// <summary>Sorts; with <paramref name="prefixKeys"/> &gt;= 0 also reports run boundaries when it can do so cheaply.</summary>
    public static Result Sort(ColumnBatch batch, IReadOnlyList<(int Column, bool Ascending, bool NullsFirst)> keys, int degreeOfParallelism, int prefixKeys)
    {
        int n = batch.RowCount;
        if (keys.Count == 0 || n < 2 || IsSorted(batch, keys, n)) return new Result(Identity(n), null, null);
        int indexBits = Math.Max(1, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(n - 1)));
        int bits = indexBits, prefixBits = 0;
        for (int k = 0; k < keys.Count; k++)
        {
            int width = KeyBits(batch[keys[k].Column]);
            if (width == 0) { bits = int.MaxValue; break; }
            bits += width;
            if (k < prefixKeys) prefixBits += width;
            if (bits > 128) break;
        }
        if (bits <= 128 && TryBucketSort(batch, keys, n, indexBits, bits - indexBits, prefixKeys, degreeOfParallelism) is { } bucketed) return bucketed;
        if (bits <= 64) return SortNarrow(batch, keys, n, indexBits, bits - indexBits - prefixBits, prefixKeys >= 0, degreeOfParallelism);
        if (bits <= 128) return SortWide(batch, keys, n, indexBits, bits - indexBits - prefixBits, prefixKeys >= 0, degreeOfParallelism);
        int[] perm = Identity(n);
        var comparer = new RowComparer(batch, keys);
        ParallelMergeSort.Sort(perm, Comparer<int>.Create((a, b) =>
        {
            int c = comparer.Compare(a, b);
            return c != 0 ? c : a.CompareTo(b);
        }), degreeOfParallelism);
        return new Result(perm, null, null);
    }

    /// <summary>
    /// Input already in key order (row numbers over an id, data written sorted) needs no sort; the check stops
    /// at the first pair out of order, so unsorted input pays little for it.
    /// </summary>
    private static bool IsSorted(ColumnBatch batch, IReadOnlyList<(int Column, bool Ascending, bool NullsFirst)> keys, int n)
    {
        var comparer = new RowComparer(batch, keys);
        for (int i = 1; i < n; i++)
            if (comparer.Compare(i - 1, i) > 0) return false;
        return true;
    }

    /// <summary>
    /// When the first key is a non-null int column of small range (as partition keys often are), a stable
    /// counting sort on it, then each bucket sorted by the remaining normalized keys, buckets spread over threads.
    /// </summary>
    private static Result? TryBucketSort(ColumnBatch batch, IReadOnlyList<(int Column, bool Ascending, bool NullsFirst)> keys, int n, int indexBits, int keyBits, int prefixKeys, int dop)
    {
        if (batch[keys[0].Column] is not PrimitiveVector<int> first || first.HasNulls) return null;
        ReadOnlySpan<int> values = first.Values;
        int min = int.MaxValue, max = int.MinValue;
        foreach (int v in values) { if (v < min) min = v; if (v > max) max = v; }
        long range = (long)max - min + 1;
        if (range > Math.Max(n, 1 << 16)) return null;
        bool ascending = keys[0].Ascending;
        var starts = new int[range + 1];
        foreach (int v in values) starts[(ascending ? v - min : max - v) + 1]++;
        for (int b = 0; b < range; b++) starts[b + 1] += starts[b];
        var fill = starts.AsSpan(0, (int)range).ToArray();
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[fill[ascending ? values[i] - min : max - values[i]]++] = i;

        int restBits = keyBits - 32;
        var newPrefix = new bool[n];
        var newKey = new bool[n];
        for (int b = 0; b < range; b++)
            if (starts[b] < starts[b + 1]) { newKey[starts[b]] = true; newPrefix[starts[b]] = prefixKeys >= 1; }
        newKey[0] = newPrefix[0] = true;
        if (keys.Count == 1) return new Result(perm, newPrefix, newKey);

        var rest = new UInt128[n];
        for (int k = 1; k < keys.Count; k++)
            Append(batch[keys[k].Column], keys[k].Ascending, keys[k].NullsFirst, (i, width, value) => rest[i] = (rest[i] << width) | value);
        var acc = new UInt128[n];
        for (int j = 0; j < n; j++) acc[j] = (rest[perm[j]] << indexBits) | (uint)perm[j];
        // Contiguous bucket ranges of about n / chunks rows each, sorted on separate threads.
        int chunks = Math.Max(1, Math.Min(dop * 4, n / 4096));
        var cuts = new List<int> { 0 };
        for (int b = 1; b < range && cuts.Count < chunks; b++)
            if (starts[b] >= (long)n * cuts.Count / chunks) cuts.Add(b);
        cuts.Add((int)range);
        Parallel.For(0, cuts.Count - 1, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, dop) }, c =>
        {
            for (int b = cuts[c]; b < cuts[c + 1]; b++)
            {
                int lo = starts[b], len = starts[b + 1] - lo;
                if (len > 1) acc.AsSpan(lo, len).Sort();
            }
        });
        ulong indexMask = (1UL << indexBits) - 1;
        int restPrefixBits = 0;
        for (int k = 1; k < Math.Min(prefixKeys, keys.Count); k++) restPrefixBits += KeyBits(batch[keys[k].Column]);
        int prefixShift = indexBits + (restBits - restPrefixBits);
        for (int j = 0; j < n; j++)
        {
            perm[j] = (int)((ulong)acc[j] & indexMask);
            if (j == 0 || newKey[j]) continue; // bucket start
            newKey[j] = (acc[j] >> indexBits) != (acc[j - 1] >> indexBits);
            newPrefix[j] = prefixKeys > 1 && prefixShift < 128 && (acc[j] >> prefixShift) != (acc[j - 1] >> prefixShift);
        }
        return new Result(perm, newPrefix, newKey);
    }

    private static int[] Identity(int n)
    {
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        return perm;
    }

    private static int KeyBits(ColumnVector v)
    {
        int width = v switch
        {
            PrimitiveVector<byte> => 8,
            PrimitiveVector<int> or PrimitiveVector<float> => 32,
            PrimitiveVector<long> or PrimitiveVector<double> => 64,
            _ => 0,
        };
        return width == 0 ? 0 : width + (v.HasNulls ? 1 : 0);
    }

    private static Result SortNarrow(ColumnBatch batch, IReadOnlyList<(int Column, bool Ascending, bool NullsFirst)> keys, int n, int indexBits, int suffixBits, bool runs, int dop)
    {
        var acc = new ulong[n];
        foreach (var key in keys) Append(batch[key.Column], key.Ascending, key.NullsFirst, (i, width, value) => acc[i] = (acc[i] << width) | value);
        for (int i = 0; i < n; i++) acc[i] = (acc[i] << indexBits) | (uint)i;
        ParallelMergeSort.Sort(acc, Comparer<ulong>.Default, dop);
        var perm = new int[n];
        ulong indexMask = (1UL << indexBits) - 1;
        for (int i = 0; i < n; i++) perm[i] = (int)(acc[i] & indexMask);
        if (!runs) return new Result(perm, null, null);
        var newPrefix = new bool[n];
        var newKey = new bool[n];
        int prefixShift = indexBits + suffixBits;
        newPrefix[0] = newKey[0] = true;
        for (int i = 1; i < n; i++)
        {
            newKey[i] = (acc[i] >> indexBits) != (acc[i - 1] >> indexBits);
            newPrefix[i] = prefixShift < 64 && (acc[i] >> prefixShift) != (acc[i - 1] >> prefixShift);
        }
        return new Result(perm, newPrefix, newKey);
    }

    private static Result SortWide(ColumnBatch batch, IReadOnlyList<(int Column, bool Ascending, bool NullsFirst)> keys, int n, int indexBits, int suffixBits, bool runs, int dop)
    {
        var acc = new UInt128[n];
        foreach (var key in keys) Append(batch[key.Column], key.Ascending, key.NullsFirst, (i, width, value) => acc[i] = (acc[i] << width) | value);
        for (int i = 0; i < n; i++) acc[i] = (acc[i] << indexBits) | (uint)i;
        ParallelMergeSort.Sort(acc, Comparer<UInt128>.Default, dop);
        var perm = new int[n];
        ulong indexMask = (1UL << indexBits) - 1;
        for (int i = 0; i < n; i++) perm[i] = (int)((ulong)acc[i] & indexMask);
        if (!runs) return new Result(perm, null, null);
        var newPrefix = new bool[n];
        var newKey = new bool[n];
        int prefixShift = indexBits + suffixBits;
        newPrefix[0] = newKey[0] = true;
        for (int i = 1; i < n; i++)
        {
            newKey[i] = (acc[i] >> indexBits) != (acc[i - 1] >> indexBits);
            newPrefix[i] = prefixShift < 128 && (acc[i] >> prefixShift) != (acc[i - 1] >> prefixShift);
        }
        return new Result(perm, newPrefix, newKey);
    }

    /// <summary>Normalizes one key column: unsigned bits whose order is the key order (direction and nulls applied).</summary>
    private static void Append(ColumnVector v, bool ascending, bool nullsFirst, Action<int, int, ulong> put)
    {
        int n = v.Length;
        int width;
        ulong mask;
        Func<int, ulong> value;
        switch (v)
        {
            case PrimitiveVector<byte> p: { var a = p.RawValues; width = 8; value = i => a[i]; break; }
            case PrimitiveVector<int> p: { var a = p.RawValues; width = 32; value = i => (uint)(a[i] ^ int.MinValue); break; }
            case PrimitiveVector<long> p: { var a = p.RawValues; width = 64; value = i => (ulong)(a[i] ^ long.MinValue); break; }
            case PrimitiveVector<float> p: { var a = p.RawValues; width = 32; value = i => FloatBits(a[i]); break; }
            case PrimitiveVector<double> p: { var a = p.RawValues; width = 64; value = i => DoubleBits(a[i]); break; }
            default: throw new NotSupportedException(v.GetType().Name);
        }
        mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        byte[]? bits = v.ValidityBits;
        for (int i = 0; i < n; i++)
        {
            if (bits is null)
            {
                ulong x = value(i);
                put(i, width, ascending ? x : ~x & mask);
                continue;
            }
            bool isNull = !Validity.IsValid(bits, i);
            ulong flag = isNull == nullsFirst ? 0UL : 1UL;
            ulong y = isNull ? 0 : value(i);
            put(i, 1, flag);
            put(i, width, isNull ? 0 : ascending ? y : ~y & mask);
        }
    }

    private static ulong DoubleBits(double d)
    {
        long b = Hashing.GroupKeyEncoder.NormalizeDouble(d); // NaN canonical (greatest), -0.0 as 0.0
        return b < 0 ? ~(ulong)b : (ulong)b | 0x8000_0000_0000_0000UL;
    }

    private static ulong FloatBits(float f)
    {
        int b = Hashing.GroupKeyEncoder.NormalizeFloat(f);
        return b < 0 ? ~(uint)b : (uint)b | 0x8000_0000U;
    }
}
