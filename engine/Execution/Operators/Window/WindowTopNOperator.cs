using System.Runtime.CompilerServices;
using Kindling.Execution.Operators.Sort;
using Kindling.Kernels.Hashing;
using Kindling.Kernels.Selection;
using Kindling.Kernels.Sorting;
using Kindling.Memory;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Window;

/// <summary>
/// <c>row_number() OVER (PARTITION BY p ORDER BY o)</c> when a filter keeps only row numbers up to
/// <c>limit</c> (top-N per group, Spark's WindowGroupLimit): instead of sorting every row, each row is
/// hashed to its partition and kept only while it is among the partition's best <c>limit</c> rows by the
/// order keys. Ties keep the earlier row, as a stable sort would. Output: the input columns plus the row
/// number, for the kept rows only, partition by partition.
/// </summary>
internal sealed class WindowTopNOperator : PhysicalOperator
{
    private readonly int[] _partitionColumns;
    private readonly SortKey[] _orderKeys;
    private readonly int _limit;

    public WindowTopNOperator(PhysicalOperator child, int[] partitionColumns, SortKey[] orderKeys, int limit, string rowNumberName)
        : base(new Schema([.. child.OutputSchema.Fields, new Field(rowNumberName, ColumnType.Int32, false)]), child)
    {
        if (partitionColumns.Length == 0) throw new ArgumentException("top-N per group needs partition columns", nameof(partitionColumns));
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "the limit per group must be at least 1");
        _partitionColumns = partitionColumns;
        _orderKeys = orderKeys;
        _limit = limit;
    }

    public override string Name => "WindowTopN";

    private const string Advice = "filter/project the window's input first";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) =>
        _orderKeys.Length == 1 && NormalizedKeys.Supports(Children[0].OutputSchema[_orderKeys[0].Column].Type)
            ? ExecuteStreaming(context)
            : ExecuteConcatenated(context);

    /// <summary>
    /// One fixed-width order key: every worker pulls batches (kept, not copied) and turns each row's key into an
    /// unsigned number that orders like the column; a partition's best rows are held as (rank, key, batch, row)
    /// slots, so no copy of the input is made and no comparer is called per row. The workers' partitions are
    /// then merged into the first worker's, ties going to the earlier row.
    /// </summary>
    private IEnumerable<ColumnBatch> ExecuteStreaming(QueryContext context)
    {
        var input = Children[0].OutputSchema;
        int workers = Math.Max(1, context.DegreeOfParallelism);
        var batches = new List<ColumnBatch>();
        var states = new TopN[workers];
        using var held = context.Memory.Reserve(Name); // the retained batches, over all workers
        SharedBatchWorkers.Run(Children[0].Execute(context), workers, context.Cancellation, (w, next) =>
        {
            var state = states[w] = new TopN(this, input);
            while (next() is { } item)
            {
                long bytes = BatchMemory.EstimateBytes(item.Batch);
                lock (held) HeldInput.Grow(held, bytes, Advice);
                state.Consume(item.Batch, item.Index);
            }
        }, retained: batches);
        var best = states[0];
        for (int w = 1; w < workers; w++) best.MergeFrom(states[w]);
        var (sourceIndex, rows, numbers) = best.Kept();
        int total = rows.Length;
        int size = Math.Max(1, context.BatchSize);
        var sources = new ColumnVector[batches.Count];
        for (int start = 0; start < total; start += size)
        {
            int count = Math.Min(size, total - start);
            var columns = new ColumnVector[OutputSchema.Count];
            for (int c = 0; c < input.Count; c++)
            {
                for (int i = 0; i < sources.Length; i++) sources[i] = batches[i][c];
                columns[c] = VectorConcat.Gather(input[c].Type, sources, sourceIndex.AsSpan(start, count), rows.AsSpan(start, count));
            }
            columns[^1] = new PrimitiveVector<int>(ColumnType.Int32, numbers.AsSpan(start, count).ToArray(), count);
            yield return new ColumnBatch(OutputSchema, columns, count);
        }
    }

    /// <summary>
    /// One worker's partitions (group ids from the partition keys) and each one's best rows, best first. A full
    /// partition also keeps the largest key a value row may have and still be offered (<c>_admit</c>), so most
    /// rows are turned away after reading one number of their partition.
    /// </summary>
    private sealed class TopN
    {
        private readonly WindowTopNOperator _op;
        private readonly GroupKeyEncoder _encoder;
        private readonly GroupIdFinder _finder;
        private readonly GroupHashTable _table;
        private readonly int _k;
        private readonly ColumnVector[] _keyBuffer;
        private ulong[] _words = [], _orderKeys = [];
        private byte[] _orderRanks = [];
        private int[] _groupOf = [];
        private int[] _kept = new int[1024];
        private ulong[] _admit = new ulong[1024]; // ulong.MaxValue until the partition holds k rows
        private ulong[] _bestKey;
        private byte[] _bestRank;
        private long[] _bestRef; // batch index << 32 | row

        public TopN(WindowTopNOperator op, Schema input)
        {
            _op = op;
            _encoder = new GroupKeyEncoder([.. op._partitionColumns.Select(c => input[c].Type)], [.. op._partitionColumns.Select(c => input[c].Nullable)]);
            _finder = new GroupIdFinder(_encoder);
            _table = _finder.Table;
            _k = op._limit;
            _keyBuffer = new ColumnVector[op._partitionColumns.Length];
            Array.Fill(_admit, ulong.MaxValue);
            _bestKey = new ulong[1024 * _k];
            _bestRank = new byte[1024 * _k];
            _bestRef = new long[1024 * _k];
        }

        public void Consume(ColumnBatch batch, int index)
        {
            int n = batch.RowCount, width = _encoder.Width;
            if (_groupOf.Length < n) { _groupOf = new int[n]; _orderKeys = new ulong[n]; _orderRanks = new byte[n]; _words = new ulong[n * width]; }
            _encoder.Encode(GroupKeyEncoder.Select(batch, _op._partitionColumns, _keyBuffer), n, _words, lookupOnly: false, Span<byte>.Empty);
            _finder.FindOrInsert(_words, n, _groupOf);
            Reserve(_table.Count);
            var order = _op._orderKeys[0];
            NormalizedKeys.Fill(batch[order.Column], n, order.Ascending, order.NullsFirst, _orderKeys, _orderRanks);
            ReadOnlySpan<int> groupOf = _groupOf.AsSpan(0, n);
            ReadOnlySpan<ulong> keys = _orderKeys.AsSpan(0, n);
            ReadOnlySpan<byte> ranks = _orderRanks.AsSpan(0, n);
            ulong[] admit = _admit;
            for (int r = 0; r < groupOf.Length; r++)
            {
                int g = groupOf[r];
                if (ranks[r] == 1 && keys[r] > admit[g]) continue;
                Offer(g, ranks[r], keys[r], ((long)index << 32) | (uint)r);
            }
        }

        private void Reserve(int groups)
        {
            if (groups <= _kept.Length) return;
            groups = Math.Max(groups, _kept.Length * 2);
            int old = _admit.Length;
            ZeroedArray.Resize(ref _kept, groups);
            Array.Resize(ref _admit, groups);
            _admit.AsSpan(old).Fill(ulong.MaxValue);
            Array.Resize(ref _bestKey, groups * _k);
            Array.Resize(ref _bestRank, groups * _k);
            Array.Resize(ref _bestRef, groups * _k);
        }

        /// <summary>Keeps a row among group <paramref name="g"/>'s best when it is ahead of the last kept one (ties: the earlier row).</summary>
        private void Offer(int g, byte rank, ulong key, long reference)
        {
            ulong[] bestKey = _bestKey;
            byte[] bestRank = _bestRank;
            long[] bestRef = _bestRef;
            int k = _k, count = _kept[g], first = g * k, pos;
            if (count < k)
            {
                pos = count;
                _kept[g] = count + 1;
            }
            else if (Before(rank, key, reference, bestRank[first + k - 1], bestKey[first + k - 1], bestRef[first + k - 1]))
            {
                pos = k - 1;
            }
            else
            {
                return;
            }
            while (pos > 0 && Before(rank, key, reference, bestRank[first + pos - 1], bestKey[first + pos - 1], bestRef[first + pos - 1]))
            {
                bestKey[first + pos] = bestKey[first + pos - 1];
                bestRank[first + pos] = bestRank[first + pos - 1];
                bestRef[first + pos] = bestRef[first + pos - 1];
                pos--;
            }
            bestKey[first + pos] = key;
            bestRank[first + pos] = rank;
            bestRef[first + pos] = reference;
            if (_kept[g] == k) _admit[g] = AdmitBound(bestRank[first + k - 1], bestKey[first + k - 1]);
        }

        /// <summary>
        /// The largest key a value row (rank 1) may have and still be offered to a full partition whose last kept
        /// row is (rank, key): that key when the row is a value (equal keys go on to compare row order); none, when
        /// it is a null placed first (0: key 0 is offered and loses); any, when it is a null placed last.
        /// </summary>
        private static ulong AdmitBound(byte lastRank, ulong lastKey) => lastRank switch
        {
            1 => lastKey,
            0 => 0,
            _ => ulong.MaxValue,
        };

        /// <summary>Strictly ahead: lower null rank, then the smaller normalized key, then the earlier row.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool Before(byte rank, ulong key, long reference, byte otherRank, ulong otherKey, long otherReference) =>
            rank != otherRank ? rank < otherRank : key != otherKey ? key < otherKey : reference < otherReference;

        /// <summary>Offers every kept row of <paramref name="other"/> to the same partition here (its string ids mapped to this encoder's).</summary>
        public void MergeFrom(TopN other)
        {
            int groups = other._table.Count;
            if (groups == 0) return;
            var (keys, hashes) = _encoder.KeysOf(other._table, other._encoder);
            var target = new int[groups];
            _table.FindOrInsert(keys, hashes, groups, target);
            Reserve(_table.Count);
            for (int g = 0; g < groups; g++)
                for (int j = 0, first = g * other._k; j < other._kept[g]; j++)
                    Offer(target[g], other._bestRank[first + j], other._bestKey[first + j], other._bestRef[first + j]);
        }

        /// <summary>The kept rows partition by partition, best first: (batch index, row, row number).</summary>
        public (int[] Sources, int[] Rows, int[] Numbers) Kept()
        {
            int total = 0;
            for (int g = 0; g < _table.Count; g++) total += _kept[g];
            var sources = new int[total];
            var rows = new int[total];
            var numbers = new int[total];
            for (int g = 0, o = 0; g < _table.Count; g++)
                for (int j = 0; j < _kept[g]; j++, o++)
                {
                    long reference = _bestRef[g * _k + j];
                    sources[o] = (int)(reference >> 32);
                    rows[o] = (int)(uint)reference;
                    numbers[o] = j + 1;
                }
            return (sources, rows, numbers);
        }
    }

    private IEnumerable<ColumnBatch> ExecuteConcatenated(QueryContext context)
    {
        var input = Children[0].OutputSchema;
        using var held = context.Memory.Reserve(Name);
        var batches = HeldInput.Load(Children[0], context, held, Advice);
        var all = VectorConcat.Concat(input, batches);
        int n = all.RowCount;
        if (n == 0) yield break;
        context.Cancellation.ThrowIfCancellationRequested();

        int[] groupOf = GroupIds(all, n, out int groups);
        var (best, kept) = KeepBest(all, groupOf, groups, context);

        // Gather the kept rows partition by partition, numbering them 1..kept.
        int total = 0;
        for (int g = 0; g < groups; g++) total += kept[g];
        var rows = new int[total];
        var numbers = new int[total];
        for (int g = 0, o = 0; g < groups; g++)
            for (int j = 0; j < kept[g]; j++, o++)
            {
                rows[o] = best[(long)g * _limit + j];
                numbers[o] = j + 1;
            }
        int size = Math.Max(1, context.BatchSize);
        for (int start = 0; start < total; start += size)
        {
            int count = Math.Min(size, total - start);
            var slice = rows.AsSpan(start, count);
            var columns = new ColumnVector[OutputSchema.Count];
            for (int c = 0; c < input.Count; c++) columns[c] = VectorTake.Take(all[c], slice);
            columns[^1] = new PrimitiveVector<int>(ColumnType.Int32, numbers.AsSpan(start, count).ToArray(), count);
            yield return new ColumnBatch(OutputSchema, columns, count);
        }
    }

    /// <summary>Each row's partition number (0..groups-1), by hashing the encoded partition keys.</summary>
    private int[] GroupIds(ColumnBatch all, int n, out int groups)
    {
        var keys = _partitionColumns.Select(c => all[c]).ToArray();
        var encoder = new GroupKeyEncoder([.. keys.Select(k => k.Type)], [.. _partitionColumns.Select(c => all.Schema[c].Nullable)]);
        int width = encoder.Width;
        var table = new GroupHashTable(width);
        var groupOf = new int[n];
        const int Chunk = 1 << 16;
        var words = new ulong[Chunk * width];
        var hashes = new ulong[Chunk];
        var range = new int[Math.Min(Chunk, n)];
        for (int start = 0; start < n; start += Chunk)
        {
            int count = Math.Min(Chunk, n - start);
            ColumnVector[] slice = keys;
            if (count != n)
            {
                for (int i = 0; i < count; i++) range[i] = start + i;
                slice = [.. keys.Select(k => VectorTake.Take(k, range.AsSpan(0, count)))];
            }
            encoder.Encode(slice, count, words, lookupOnly: false, Span<byte>.Empty);
            KeyHash.HashWords(words, width, count, hashes);
            table.FindOrInsert(words, hashes, count, groupOf.AsSpan(start, count));
        }
        groups = table.Count;
        return groupOf;
    }

    /// <summary>Per partition, the rows that rank 1..limit by the order keys (best first), and how many it has.</summary>
    private (int[] Best, int[] Kept) KeepBest(ColumnBatch all, int[] groupOf, int groups, QueryContext context)
    {
        var comparer = new RowComparer(all, [.. _orderKeys.Select(k => (k.Column, k.Ascending, k.NullsFirst))]);
        int k = _limit;
        var best = new int[checked(groups * k)];
        var kept = ZeroedArray.Allocate<int>(groups);
        for (int r = 0; r < groupOf.Length; r++)
        {
            if ((r & 0xFFFF) == 0) context.Cancellation.ThrowIfCancellationRequested();
            int g = groupOf[r], count = kept[g], first = g * k;
            int pos;
            if (count < k)
            {
                pos = count;
                kept[g] = count + 1;
            }
            else if (comparer.Compare(r, best[first + k - 1]) < 0)
            {
                pos = k - 1;
            }
            else
            {
                continue;
            }
            // Insertion into the partition's sorted slots; strictly better rows move ahead, so ties keep input order.
            while (pos > 0 && comparer.Compare(r, best[first + pos - 1]) < 0)
            {
                best[first + pos] = best[first + pos - 1];
                pos--;
            }
            best[first + pos] = r;
        }
        return (best, kept);
    }

    public override string ToString() =>
        $"WindowTopN [row_number <= {_limit}] partitionBy=[{string.Join(", ", _partitionColumns.Select(c => Children[0].OutputSchema[c].Name))}] " +
        $"orderBy=[{string.Join(", ", _orderKeys.Select(o => Children[0].OutputSchema[o.Column].Name + (o.Ascending ? " ASC" : " DESC")))}]";
}
