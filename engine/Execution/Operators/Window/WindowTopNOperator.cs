using Kindling.Execution.Operators.Sort;
using Kindling.Kernels.Hashing;
using Kindling.Kernels.Selection;
using Kindling.Kernels.Sorting;
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

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        var input = Children[0].OutputSchema;
        var all = VectorConcat.Concat(input, Children[0].Execute(context).Where(b => b.RowCount > 0).ToList());
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
        var kept = new int[groups];
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
