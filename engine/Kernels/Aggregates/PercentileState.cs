using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>
/// The percentile <c>percentage</c> of each group's non-null values, as double: with <c>interpolate</c>, Spark's
/// percentile / median (linear interpolation between the two nearest order statistics); without, Spark's
/// percentile_approx answered exactly (the smallest value with at least that fraction of the values at or below
/// it, i.e. order statistic ceil(p * n), the first for p = 0). NaN orders above every number. Collects (group, value)
/// pairs in fixed-size chunks (appending never copies); a merge adopts the other state's chunks with a group
/// map instead of copying them. At the end a counting sort by group yields each group's values.
/// </summary>
internal sealed class PercentileState(int column, double percentage, bool interpolate, int degreeOfParallelism = 1) : AggregateState
{
    private const int ChunkSize = 1 << 16;

    /// <summary>Pairs whose group ids pass through <see cref="Map"/> (null: ids are this state's; -1: a group merged elsewhere).</summary>
    private sealed record Part(int[] Groups, double[] Values, int Count, int[]? Map);

    private readonly List<Part> _full = [];
    private int[] _groups = [];
    private double[] _values = [];
    private int _fill;
    private double[] _buffer = [];
    private int _groupCount;
    private double[]? _results;
    private byte[]? _hasResult;

    public override long MemoryBytes => (_full.Count + 1) * (long)ChunkSize * 12;

    public override void EnsureCapacity(int groups) => _groupCount = Math.Max(_groupCount, groups);

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        ColumnVector v = batch[column];
        if (_buffer.Length < rows) _buffer = new double[rows];
        NumericInput.ToDoubles(v, rows, _buffer);
        byte[]? bits = v.ValidityBits;
        for (int i = 0; i < rows; i++)
        {
            if (bits is not null && !Validity.IsValid(bits, i)) continue;
            if (_fill == _groups.Length) NewChunk();
            _groups[_fill] = groupIds[i];
            _values[_fill] = _buffer[i];
            _fill++;
        }
    }

    private void NewChunk()
    {
        if (_fill > 0) _full.Add(new Part(_groups, _values, _fill, null));
        _groups = GC.AllocateUninitializedArray<int>(ChunkSize);
        _values = GC.AllocateUninitializedArray<double>(ChunkSize);
        _fill = 0;
    }

    /// <summary>Every part: adopted and full chunks, then the chunk being filled.</summary>
    private IEnumerable<Part> Parts()
    {
        foreach (var part in _full) yield return part;
        if (_fill > 0) yield return new Part(_groups, _values, _fill, null);
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (PercentileState)other;
        int[] map = GroupMap(o._groupCount, source, target);
        foreach (var part in o.Parts())
        {
            int[] composed = map;
            if (part.Map is { } inner)
            {
                composed = new int[inner.Length];
                for (int g = 0; g < inner.Length; g++) composed[g] = inner[g] < 0 ? -1 : map[inner[g]];
            }
            _full.Add(part with { Map = composed });
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
        if (_results is null) Compute();
        var values = _results.AsSpan(start, count).ToArray();
        byte[]? bits = NullsWhereZero(_hasResult, start, count, out int nulls);
        return new PrimitiveVector<double>(ColumnType.Float64, values, count, bits, nulls);
    }

    /// <summary>
    /// Quickselect: reorders <paramref name="values"/> so position <paramref name="k"/> holds the k-th smallest
    /// (Spark order: NaN greatest) with smaller-or-equal values left of it and greater-or-equal right of it.
    /// </summary>
    internal static double Select(Span<double> values, int k)
    {
        // NaNs go to the end first; the rest compare with plain operators.
        int end = values.Length;
        for (int i = 0; i < end;)
        {
            if (double.IsNaN(values[i])) { end--; (values[i], values[end]) = (values[end], values[i]); }
            else i++;
        }
        if (k >= end) return double.NaN;
        int lo = 0, hi = end - 1;
        while (lo < hi)
        {
            double pivot = Median3(values[lo], values[lo + (hi - lo) / 2], values[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j) { (values[i], values[j]) = (values[j], values[i]); i++; j--; }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else break;
        }
        return values[k];
    }

    private static double Median3(double a, double b, double c) => a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);

    private void Compute()
    {
        int groups = _groupCount;
        var parts = Parts().ToList();
        var starts = new int[groups + 1];
        foreach (var part in parts)
        {
            for (int i = 0; i < part.Count; i++)
            {
                int g = part.Map is null ? part.Groups[i] : part.Map[part.Groups[i]];
                if (g >= 0) starts[g + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) starts[g + 1] += starts[g];
        int total = starts[groups];
        var sorted = GC.AllocateUninitializedArray<double>(total);
        var fill = starts.AsSpan(0, groups).ToArray();
        foreach (var part in parts)
        {
            for (int i = 0; i < part.Count; i++)
            {
                int g = part.Map is null ? part.Groups[i] : part.Map[part.Groups[i]];
                if (g >= 0) sorted[fill[g]++] = part.Values[i];
            }
        }
        var results = new double[groups];
        var hasResult = new byte[groups];
        int chunks = Math.Max(1, Math.Min(degreeOfParallelism, total / 65536));
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
        {
            for (int g = (int)((long)groups * c / chunks); g < (int)((long)groups * (c + 1) / chunks); g++)
                ComputeGroup(g, starts, sorted, results, hasResult);
        });
        _results = results;
        _hasResult = hasResult;
    }

    private void ComputeGroup(int g, int[] starts, double[] sorted, double[] results, byte[] hasResult)
    {
        int n = starts[g + 1] - starts[g];
        if (n == 0) return;
        Span<double> segment = sorted.AsSpan(starts[g], n);
        if (!interpolate)
        {
            // Spark's rank: ceil(p * n) (1-based), as its quantile summaries compute it.
            int rank = (int)Math.Min(n, Math.Max(1, Math.Ceiling(percentage * n)));
            results[g] = Select(segment, rank - 1);
            hasResult[g] = 1;
            return;
        }
        double position = (n - 1) * percentage;
        int lower = (int)Math.Floor(position), higher = (int)Math.Ceiling(position);
        double lowValue = Select(segment, lower);
        // After selecting, everything right of `lower` is >= it: the next order statistic is their minimum.
        double highValue = lowValue;
        if (higher != lower)
        {
            highValue = segment[lower + 1];
            for (int i = lower + 2; i < segment.Length; i++)
                if (DoubleOrder.Compare(segment[i], highValue) < 0) highValue = segment[i];
        }
        results[g] = lower == higher ? lowValue : (higher - position) * lowValue + (position - lower) * highValue;
        hasResult[g] = 1;
    }
}
