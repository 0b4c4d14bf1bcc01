using Kindling.Kernels.Selection;
using Kindling.Kernels.Sorting;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Window;

internal sealed partial class WindowOperator
{
    /// <summary>Partition and peer-group boundaries of every sorted position.</summary>
    private sealed class Layout
    {
        public Layout(int[] perm, RowComparer partition, RowComparer order)
            : this(perm, Boundaries(perm, partition, null), Boundaries(perm, partition, order))
        {
        }

        private static bool[] Boundaries(int[] perm, RowComparer partition, RowComparer? order)
        {
            var starts = new bool[perm.Length];
            for (int p = 0; p < perm.Length; p++)
                starts[p] = p == 0 || partition.Compare(perm[p - 1], perm[p]) != 0 || (order is not null && order.Compare(perm[p - 1], perm[p]) != 0);
            return starts;
        }

        /// <summary>From run starts in sorted order: of partitions, and of peer groups (equal partition and order keys).</summary>
        public Layout(int[] perm, bool[] newPartition, bool[] newPeer)
        {
            int n = perm.Length;
            Perm = perm;
            PartStart = new int[n]; PartEnd = new int[n]; PeerStart = new int[n]; PeerEnd = new int[n];
            NewPartition = newPartition; NewPeer = newPeer;
            for (int p = 0; p < n; p++)
            {
                PartStart[p] = NewPartition[p] ? p : PartStart[p - 1];
                PeerStart[p] = NewPeer[p] ? p : PeerStart[p - 1];
            }
            for (int p = n - 1; p >= 0; p--)
            {
                bool lastOfPartition = p == n - 1 || NewPartition[p + 1];
                bool lastOfPeers = p == n - 1 || NewPeer[p + 1];
                PartEnd[p] = lastOfPartition ? p + 1 : PartEnd[p + 1];
                PeerEnd[p] = lastOfPeers ? p + 1 : PeerEnd[p + 1];
            }
        }

        public int[] Perm { get; }
        public int[] PartStart { get; }
        public int[] PartEnd { get; }
        public int[] PeerStart { get; }
        public int[] PeerEnd { get; }
        public bool[] NewPartition { get; }
        public bool[] NewPeer { get; }
    }

    private ColumnVector Compute(WindowCall call, ColumnBatch all, Layout l)
    {
        int n = l.Perm.Length;
        switch (call.Function)
        {
            case WindowFunction.RowNumber: return Ints(n, p => p - l.PartStart[p] + 1);
            case WindowFunction.Rank: return Ints(n, p => l.PeerStart[p] - l.PartStart[p] + 1);
            case WindowFunction.DenseRank:
            {
                var values = new int[n];
                for (int p = 0; p < n; p++) values[p] = l.NewPartition[p] ? 1 : values[p - 1] + (l.NewPeer[p] ? 1 : 0);
                return new PrimitiveVector<int>(ColumnType.Int32, values, n);
            }
            case WindowFunction.PercentRank:
                return Doubles(n, p =>
                {
                    int size = l.PartEnd[p] - l.PartStart[p];
                    return size == 1 ? 0.0 : (double)(l.PeerStart[p] - l.PartStart[p]) / (size - 1);
                });
            case WindowFunction.CumeDist:
                return Doubles(n, p => (double)(l.PeerEnd[p] - l.PartStart[p]) / (l.PartEnd[p] - l.PartStart[p]));
            case WindowFunction.Ntile:
                return Ints(n, p =>
                {
                    int size = l.PartEnd[p] - l.PartStart[p], i = p - l.PartStart[p], buckets = call.Offset;
                    int per = size / buckets, remainder = size % buckets, big = remainder * (per + 1);
                    return i < big ? i / (per + 1) + 1 : remainder + (i - big) / per + 1;
                });
            case WindowFunction.Lag or WindowFunction.Lead:
                return Shift(call, all, l);
            default:
                return Framed(call, all, l);
        }
    }

    private static PrimitiveVector<int> Ints(int n, Func<int, int> f)
    {
        var values = new int[n];
        for (int p = 0; p < n; p++) values[p] = f(p);
        return new PrimitiveVector<int>(ColumnType.Int32, values, n);
    }

    private static PrimitiveVector<double> Doubles(int n, Func<int, double> f)
    {
        var values = new double[n];
        for (int p = 0; p < n; p++) values[p] = f(p);
        return new PrimitiveVector<double>(ColumnType.Float64, values, n);
    }

    private static ColumnVector Shift(WindowCall call, ColumnBatch all, Layout l)
    {
        int n = l.Perm.Length;
        int offset = call.Function == WindowFunction.Lag ? -call.Offset : call.Offset;
        var sourceRows = new int[n];
        var sourceIndex = new int[n];
        for (int p = 0; p < n; p++)
        {
            long q = (long)p + offset;
            bool inside = q >= l.PartStart[p] && q < l.PartEnd[p];
            sourceRows[p] = inside ? l.Perm[q] : call.DefaultValue is null ? -1 : 0;
            sourceIndex[p] = inside ? 0 : 1;
        }
        ColumnVector input = VectorConcat.Decode(all[call.InputColumn]);
        if (call.DefaultValue is null) return VectorTake.Take(input, sourceRows);
        ColumnVector fallback = VectorFromObjects.Build(input.Type, [call.DefaultValue]);
        return VectorConcat.Gather(input.Type, [input, fallback], sourceIndex, sourceRows);
    }

    /// <summary>Aggregates over each row's frame [lo, hi) of sorted positions.</summary>
    private ColumnVector Framed(WindowCall call, ColumnBatch all, Layout l)
    {
        int n = l.Perm.Length;
        WindowFrame frame = call.Frame ?? (_orderKeys.Length > 0 ? new WindowFrame(false, long.MinValue, 0) : new WindowFrame(true, long.MinValue, long.MaxValue));
        var lo = new int[n];
        var hi = new int[n];
        if (!frame.IsRowFrame && HasValueOffsets(frame))
            RangeFrameBounds.Compute(all[_orderKeys[0].Column], _orderKeys[0].Ascending, frame, l.Perm, l.PartStart, l.PartEnd, l.PeerStart, l.PeerEnd, lo, hi);
        else for (int p = 0; p < n; p++)
        {
            int ps = l.PartStart[p], pe = l.PartEnd[p];
            if (frame.IsRowFrame)
            {
                lo[p] = frame.Start == long.MinValue ? ps : (int)Math.Clamp(p + Math.Clamp(frame.Start, -(long)n - 1, n + 1), ps, pe);
                hi[p] = frame.End == long.MaxValue ? pe : (int)Math.Clamp(p + Math.Clamp(frame.End, -(long)n - 1, n + 1) + 1, ps, pe);
            }
            else
            {
                lo[p] = frame.Start == long.MinValue ? ps : l.PeerStart[p];
                hi[p] = frame.End == long.MaxValue ? pe : l.PeerEnd[p];
            }
            if (hi[p] < lo[p]) hi[p] = lo[p];
        }
        bool running = frame.Start == long.MinValue;
        int[] perm = l.Perm;
        switch (call.Function)
        {
            case WindowFunction.Count:
            {
                var counts = new long[n];
                if (call.InputColumn < 0)
                    for (int p = 0; p < n; p++) counts[p] = hi[p] - lo[p];
                else
                {
                    ColumnVector v = all[call.InputColumn];
                    var prefix = new long[n + 1];
                    for (int p = 0; p < n; p++) prefix[p + 1] = prefix[p] + (v.IsNull(perm[p]) ? 0 : 1);
                    for (int p = 0; p < n; p++) counts[p] = prefix[hi[p]] - prefix[lo[p]];
                }
                return new PrimitiveVector<long>(ColumnType.Int64, counts, n);
            }
            case WindowFunction.Sum or WindowFunction.Avg:
                return WindowSums.Compute(call, all[call.InputColumn], OutputSchema[all.ColumnCount + Array.IndexOf(_calls, call)].Type, perm, lo, hi, running);
            default:
            {
                ColumnVector input = VectorConcat.Decode(all[call.InputColumn]);
                var pick = new int[n];
                switch (call.Function)
                {
                    case WindowFunction.First:
                        for (int p = 0; p < n; p++) pick[p] = hi[p] > lo[p] ? perm[lo[p]] : -1;
                        break;
                    case WindowFunction.Last:
                        for (int p = 0; p < n; p++) pick[p] = hi[p] > lo[p] ? perm[hi[p] - 1] : -1;
                        break;
                    default:
                        PickExtremes(input, call.Function == WindowFunction.Min, perm, lo, hi, running, pick);
                        break;
                }
                return VectorTake.Take(input, pick);
            }
        }
    }

    private static void PickExtremes(ColumnVector input, bool min, int[] perm, int[] lo, int[] hi, bool running, int[] pick)
    {
        var cmp = ColumnComparer.Create(input, ascending: min, nullsFirst: false);
        int n = perm.Length;
        int best = -1, scanned = 0, start = -1;
        for (int p = 0; p < n; p++)
        {
            if (running)
            {
                // lo is the partition start and hi only grows within a partition: extend the scan.
                if (lo[p] != start) { start = lo[p]; scanned = start; best = -1; }
                for (; scanned < hi[p]; scanned++)
                {
                    int r = perm[scanned];
                    if (input.IsNull(r)) continue;
                    if (best < 0 || cmp.Compare(r, best) < 0) best = r;
                }
                pick[p] = best;
                continue;
            }
            int b = -1;
            for (int q = lo[p]; q < hi[p]; q++)
            {
                int r = perm[q];
                if (input.IsNull(r)) continue;
                if (b < 0 || cmp.Compare(r, b) < 0) b = r;
            }
            pick[p] = b;
        }
    }
}
