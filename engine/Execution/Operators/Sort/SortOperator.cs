using Kindling.Kernels.Selection;
using Kindling.Kernels.Sorting;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Sort;

/// <summary>
/// Stable multi-key sort, top-N with a limit, spilling sorted runs when over the memory limit.
/// Input batches are buffered in a reservation of the query's memory; when it cannot grow (this sort or other
/// operators hold the whole <see cref="QueryContext.MemoryLimitBytes"/>) the buffer is sorted and written as a
/// run to <see cref="QueryContext.SpillDirectory"/> (<see cref="SpillFile"/>),
/// and the runs are k-way merged at the end. With a limit, the buffer is cut to the best N rows whenever
/// it grows past a few batches, so top-N needs memory for about N rows.
/// </summary>
internal sealed class SortOperator : PhysicalOperator
{
    private readonly SortKey[] _keys;
    private readonly long? _limit;

    public SortOperator(PhysicalOperator child, SortKey[] keys, long? limit = null)
        : base(child.OutputSchema, child)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (key.Column < 0 || key.Column >= child.OutputSchema.Count)
                throw new ArgumentOutOfRangeException(nameof(keys), key.Column, $"sort key #{key.Column} is out of range: the input has {child.OutputSchema.Count} columns {child.OutputSchema}");
        }
        if (limit is < 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "a sort limit cannot be negative");
        _keys = [.. keys];
        _limit = limit;
    }

    public override string Name => "Sort";

    public PhysicalOperator Child => Children[0];

    private (int, bool, bool)[] KeyTuples => _keys.Select(k => (k.Column, k.Ascending, k.NullsFirst)).ToArray();

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        var buffered = new List<ColumnBatch>();
        long bufferedBytes = 0, bufferedRows = 0;
        var runs = new List<string>();
        using var held = context.Memory.Reserve(Name);
        long limit = _limit ?? long.MaxValue;
        long compactAt = _limit.HasValue ? Math.Max(2 * limit, 4L * context.BatchSize) : long.MaxValue;
        try
        {
            if (limit == 0) yield break;
            foreach (var batch in Child.Execute(context))
            {
                context.Cancellation.ThrowIfCancellationRequested();
                if (batch.RowCount == 0) continue;
                buffered.Add(batch);
                bufferedRows += batch.RowCount;
                bufferedBytes += BatchMemory.EstimateBytes(batch);
                if (bufferedRows > compactAt)
                {
                    ColumnBatch best = SortBuffered(context, buffered, (int)Math.Min(limit, bufferedRows));
                    buffered.Clear();
                    buffered.Add(best);
                    bufferedRows = best.RowCount;
                    bufferedBytes = BatchMemory.EstimateBytes(best);
                }
                else if (!_limit.HasValue && !held.TryResize(bufferedBytes))
                {
                    // The query's memory is used up (by this sort or by others): sort what is held and spill it.
                    runs.Add(WriteRun(context, buffered));
                    buffered.Clear();
                    bufferedRows = bufferedBytes = 0;
                    held.TryResize(0);
                }
            }

            if (runs.Count == 0)
            {
                if (buffered.Count == 0) yield break;
                ColumnBatch sorted = SortBuffered(context, buffered, (int)Math.Min(limit, bufferedRows));
                buffered.Clear();
                for (int start = 0; start < sorted.RowCount; start += context.BatchSize)
                    yield return VectorConcat.Slice(sorted, start, Math.Min(context.BatchSize, sorted.RowCount - start));
                yield break;
            }
            if (buffered.Count > 0) runs.Add(WriteRun(context, buffered));
            buffered.Clear();
            foreach (var batch in MergeRuns(context, runs, limit)) yield return batch;
        }
        finally
        {
            foreach (string run in runs)
                try { File.Delete(run); } catch (IOException) { /* best effort cleanup */ }
        }
    }

    /// <summary>Concatenates the buffered batches, sorts them stably and keeps the first <paramref name="keep"/> rows.</summary>
    private ColumnBatch SortBuffered(QueryContext context, List<ColumnBatch> buffered, int keep)
    {
        ColumnBatch all = VectorConcat.Concat(OutputSchema, buffered);
        int[] perm = RowSorter.SortedPermutation(all, KeyTuples, context.DegreeOfParallelism);
        return VectorConcat.Take(all, perm.AsSpan(0, Math.Min(keep, perm.Length)));
    }

    private string WriteRun(QueryContext context, List<ColumnBatch> buffered)
    {
        Directory.CreateDirectory(context.SpillDirectory);
        string path = Path.Combine(context.SpillDirectory, $"sort-run-{Guid.NewGuid():N}.bin");
        ColumnBatch sorted = SortBuffered(context, buffered, int.MaxValue);
        int chunk = Math.Max(1, Math.Min(context.BatchSize, 8192));
        SpillFile.Write(path, Chunks(sorted, chunk));
        context.Spills.AddRows(sorted.RowCount);
        context.Spills.AddFile(new FileInfo(path).Length, level: 0);
        return path;
    }

    private static IEnumerable<ColumnBatch> Chunks(ColumnBatch batch, int size)
    {
        for (int start = 0; start < batch.RowCount; start += size)
            yield return VectorConcat.Slice(batch, start, Math.Min(size, batch.RowCount - start));
    }

    /// <summary>K-way merge of sorted runs; ties go to the earlier run, which keeps the sort stable.</summary>
    private IEnumerable<ColumnBatch> MergeRuns(QueryContext context, List<string> runs, long limit)
    {
        var readers = new IEnumerator<ColumnBatch>[runs.Count];
        var current = new ColumnBatch?[runs.Count];
        var position = new int[runs.Count];
        try
        {
            var heap = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) =>
            {
                int c = CompareRows(current[a]!, position[a], current[b]!, position[b]);
                return c != 0 ? c : a.CompareTo(b);
            }));
            for (int r = 0; r < runs.Count; r++)
            {
                readers[r] = SpillFile.Read(runs[r], OutputSchema).GetEnumerator();
                if (Advance(r)) heap.Enqueue(r, r);
            }
            int batchSize = context.BatchSize;
            var sources = new List<ColumnBatch>();
            var sourceIndex = new List<int>(batchSize);
            var rows = new List<int>(batchSize);
            long emitted = 0;
            while (heap.Count > 0 && emitted < limit)
            {
                int r = heap.Dequeue();
                ColumnBatch batch = current[r]!;
                if (sources.Count == 0 || !ReferenceEquals(sources[^1], batch)) sources.Add(batch);
                sourceIndex.Add(sources.Count - 1);
                rows.Add(position[r]);
                emitted++;
                position[r]++;
                if (position[r] < batch.RowCount || Advance(r)) heap.Enqueue(r, r);
                if (rows.Count == batchSize)
                {
                    yield return Gather(sources, sourceIndex, rows);
                    sources.Clear(); sourceIndex.Clear(); rows.Clear();
                    context.Cancellation.ThrowIfCancellationRequested();
                }
            }
            if (rows.Count > 0) yield return Gather(sources, sourceIndex, rows);
        }
        finally
        {
            foreach (var reader in readers) reader?.Dispose();
        }

        bool Advance(int r)
        {
            while (readers[r].MoveNext())
            {
                if (readers[r].Current.RowCount == 0) continue;
                current[r] = readers[r].Current;
                position[r] = 0;
                return true;
            }
            return false;
        }
    }

    private int CompareRows(ColumnBatch a, int i, ColumnBatch b, int j)
    {
        foreach (var key in _keys)
        {
            int c = ColumnComparer.CompareAcross(a[key.Column], i, b[key.Column], j, key.Ascending, key.NullsFirst);
            if (c != 0) return c;
        }
        return 0;
    }

    private ColumnBatch Gather(List<ColumnBatch> sources, List<int> sourceIndex, List<int> rows)
    {
        var columns = new ColumnVector[OutputSchema.Count];
        var vectors = new ColumnVector[sources.Count];
        int[] si = [.. sourceIndex], ri = [.. rows];
        for (int c = 0; c < columns.Length; c++)
        {
            for (int s = 0; s < vectors.Length; s++) vectors[s] = sources[s][c];
            columns[c] = VectorConcat.Gather(OutputSchema[c].Type, vectors, si, ri);
        }
        return new ColumnBatch(OutputSchema, columns, ri.Length);
    }

    public override string ToString()
    {
        string keys = string.Join(", ", _keys.Select(k => $"#{k.Column} {(k.Ascending ? "ASC" : "DESC")} NULLS {(k.NullsFirst ? "FIRST" : "LAST")}"));
        return _limit.HasValue ? $"Sort keys=[{keys}] limit={_limit}" : $"Sort keys=[{keys}]";
    }
}
