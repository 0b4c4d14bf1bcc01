using Kindling.Kernels.Aggregates;
using Kindling.Kernels.Hashing;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

/// <summary>
/// Groups by key columns and computes aggregates; output is the group columns then the aggregates.
/// Each of <see cref="QueryContext.DegreeOfParallelism"/> workers pulls child batches through a shared
/// enumerator and pre-aggregates them into its own hash table and flat state arrays; the partials are
/// then merged into the first. Without group columns the result is exactly one row, even for no input.
/// Memory: the table and states are checked against <see cref="QueryContext.MemoryLimitBytes"/> and the
/// query fails with a clear message when over budget (no spilling).
/// </summary>
internal sealed partial class HashAggregateOperator : PhysicalOperator
{
    private readonly int[] _groupColumns;
    private readonly AggregateCall[] _aggregates;

    public HashAggregateOperator(PhysicalOperator child, int[] groupColumns, AggregateCall[] aggregates)
        : base(BuildSchema(child.OutputSchema, groupColumns, aggregates), child)
    {
        _groupColumns = [.. groupColumns];
        _aggregates = [.. aggregates];
    }

    public override string Name => "HashAggregate";

    public PhysicalOperator Child => Children[0];

    private static Schema BuildSchema(Schema input, int[] groupColumns, AggregateCall[] aggregates)
    {
        ArgumentNullException.ThrowIfNull(groupColumns);
        ArgumentNullException.ThrowIfNull(aggregates);
        if (groupColumns.Length == 0 && aggregates.Length == 0)
            throw new ArgumentException("a hash aggregate needs group columns or aggregates");
        if (groupColumns.Length > 64)
            throw new ArgumentException($"at most 64 group columns are supported, got {groupColumns.Length}");
        var fields = new List<Field>();
        foreach (int c in groupColumns)
        {
            CheckColumn(input, c, "group column");
            fields.Add(input[c]);
        }
        foreach (var call in aggregates)
        {
            ArgumentNullException.ThrowIfNull(call);
            if (call.Function == AggregateFunction.CountAll)
            {
                if (call.InputColumn != -1) throw new ArgumentException($"count(*) takes no input column (pass -1), got {call.InputColumn}");
            }
            else CheckColumn(input, call.InputColumn, $"input of {call.Function} '{call.OutputName}'");
            if (call.Function == AggregateFunction.Corr)
            {
                if (call.SecondInputColumn < 0) throw new ArgumentException($"corr '{call.OutputName}' needs SecondInputColumn");
                CheckColumn(input, call.SecondInputColumn, $"second input of corr '{call.OutputName}'");
                AggregateCall.ResultType(call.Function, input[call.SecondInputColumn].Type);
            }
            ColumnType inputType = call.InputColumn >= 0 ? input[call.InputColumn].Type : ColumnType.Null;
            ColumnType result = AggregateCall.ResultType(call.Function, inputType);
            bool nullable = call.Function is not (AggregateFunction.Count or AggregateFunction.CountAll or AggregateFunction.CountDistinct);
            fields.Add(new Field(call.OutputName, result, nullable));
        }
        return new Schema(fields);
    }

    private static void CheckColumn(Schema input, int column, string what)
    {
        if (column < 0 || column >= input.Count)
            throw new ArgumentOutOfRangeException(nameof(column), column, $"{what} #{column} is out of range: the input has {input.Count} columns {input}");
    }

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        int batchSize = Math.Max(1, context.BatchSize);
        foreach (LocalState result in Aggregate(context))
        {
            int groups = result.GroupCount;
            for (int start = 0; start < groups; start += batchSize)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                int count = Math.Min(batchSize, groups - start);
                yield return result.Emit(OutputSchema, start, count);
            }
        }
    }

    /// <summary>Above this many partial groups the merge runs per hash partition on all workers.</summary>
    private const int ParallelMergeThreshold = 1 << 16;

    /// <summary>
    /// Groups a worker's table holds before they are set aside as a run and the table refilled. A table of
    /// 96K three-word keys (about 5 MiB of slots, keys and hashes) stays in cache; one grown to millions of
    /// groups takes a cache miss per probe and faults in fresh memory at each doubling.
    /// </summary>
    private const int FlushGroups = 3 << 15;

    /// <summary>The refilled table's capacity: a flush's groups plus a batch's without rehashing.</summary>
    private const int FlushCapacity = 1 << 17;

    /// <summary>Aggregates the input; the result is one or more disjoint sets of groups (hash partitions).</summary>
    private List<LocalState> Aggregate(QueryContext context)
    {
        Schema input = Child.OutputSchema;
        int workers = Math.Max(1, context.DegreeOfParallelism);
        int partitions = MergePartitions(workers);
        var locals = new LocalState[workers];
        var runs = new List<GroupRun>[workers];
        SharedBatchWorkers.Run(Child.Execute(context), workers, context.Cancellation, (w, next) =>
        {
            var local = locals[w] = new LocalState(this, input, context);
            var full = runs[w] = [];
            long rowsInTable = 0;
            int flushAt = FlushGroups;
            while (next() is { } item)
            {
                local.Consume(item.Batch);
                rowsInTable += item.Batch.RowCount;
                if (_groupColumns.Length == 0 || local.GroupCount < flushAt) continue;
                if (rowsInTable >= 2L * local.GroupCount)
                {
                    // The table aggregates (rows keep finding their groups): let it grow.
                    flushAt = int.MaxValue;
                    continue;
                }
                // Nearly a group per row: set the groups aside ordered by merge partition and refill the same
                // cache-sized table, instead of growing one table to millions of slots that every probe misses.
                var run = local.ToRun(partitions);
                full.Add(run);
                local.Clear(FlushCapacity, run.MemoryBytes);
                rowsInTable = 0;
            }
        });
        var partials = locals.Where(l => l is not null).ToArray();
        var flushed = runs.Where(r => r is not null).SelectMany(r => r).ToList();
        long total = partials.Sum(l => (long)l.GroupCount) + flushed.Sum(r => (long)r.Count);
        if (_groupColumns.Length == 0 || (flushed.Count == 0 && total < ParallelMergeThreshold))
        {
            for (int w = 1; w < partials.Length; w++) partials[0].MergeFrom(partials[w]);
            return [partials[0]];
        }
        var tail = new GroupRun[partials.Length];
        Parallel.For(0, partials.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, w => tail[w] = partials[w].ToRun(partitions));
        flushed.AddRange(tail.Where(r => r.Count > 0));
        return MergeRuns(flushed, partitions, input, context);
    }

    /// <summary>
    /// Merge partitions: many, so each partition's table stays cache-sized, unless an aggregate keeps a list of
    /// entries that every partition's merge walks whole (median, distinct), where few partitions cost less.
    /// </summary>
    private int MergePartitions(int workers) =>
        _aggregates.Any(a => a.Function is AggregateFunction.Percentile or AggregateFunction.PercentileApprox or AggregateFunction.CountDistinct or AggregateFunction.SumDistinct)
            ? workers * 4 : 256;

    /// <summary>
    /// Merges runs of groups in parallel, one task per partition: the runs of other workers first get this
    /// encoder's string ids (maps built once per worker) and the hashes of those ids; then each partition's
    /// groups, contiguous in every run, go into that partition's own table and states. Partitions hold
    /// disjoint groups, so their outputs simply concatenate.
    /// </summary>
    private List<LocalState> MergeRuns(List<GroupRun> runs, int partitions, Schema input, QueryContext context)
    {
        GroupKeyEncoder encoder = runs[0].Encoder;
        int workers = Math.Max(1, context.DegreeOfParallelism);
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = context.Cancellation };
        var maps = new Dictionary<GroupKeyEncoder, int[]?[]>(ReferenceEqualityComparer.Instance);
        foreach (var run in runs)
            if (run.Encoder != encoder && !maps.ContainsKey(run.Encoder)) maps[run.Encoder] = encoder.RemapMaps(run.Encoder);
        Parallel.ForEach(runs.Where(r => r.Encoder != encoder), options, run =>
        {
            encoder.Remap(maps[run.Encoder], run.Keys, run.Count);
            KeyHash.HashWords(run.Keys, encoder.Width, run.Count, run.Hashes);
        });
        var identity = new int[runs.Max(r => r.Count)];
        for (int i = 0; i < identity.Length; i++) identity[i] = i;
        var result = new LocalState[partitions];
        Parallel.For(0, partitions, options, p =>
        {
            int expected = 0;
            foreach (var run in runs) expected += run.Starts[p + 1] - run.Starts[p];
            var state = new LocalState(this, input, context, encoder, expected);
            foreach (var run in runs)
            {
                int start = run.Starts[p], count = run.Starts[p + 1] - start;
                if (count > 0) state.MergeRange(run.States, run.Keys, run.Hashes, identity.AsSpan(start, count));
            }
            result[p] = state;
        });
        return [.. result.Where(r => r.GroupCount > 0)];
    }

    private static int PartitionOf(ulong hash, int partitions) => (int)(((hash >> 32) & 0xFFFF) * (ulong)partitions >> 16);

    public override string ToString()
    {
        string keys = string.Join(", ", _groupColumns.Select(c => $"#{c}"));
        string aggs = string.Join(", ", _aggregates.Select(a => a.ToString()));
        return $"HashAggregate keys=[{keys}] aggs=[{aggs}]";
    }
}
