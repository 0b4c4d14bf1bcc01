using Kindling.Kernels.Aggregates;
using Kindling.Kernels.Hashing;
using Kindling.Memory;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

/// <summary>
/// Groups by key columns and computes aggregates; output is the group columns then the aggregates.
/// Each of <see cref="QueryContext.DegreeOfParallelism"/> workers pulls child batches through a shared
/// enumerator and pre-aggregates them into its own hash table and flat state arrays; the partials are
/// then merged into the first. Without group columns the result is exactly one row, even for no input.
/// <para>
/// Memory: after each batch a worker checks its table, states, interned key strings and set-aside runs
/// against its share of <see cref="QueryContext.MemoryLimitBytes"/>, and the operator holds what its workers
/// hold as one reservation of the query's <see cref="QueryContext.Memory"/>, so memory other operators of the
/// query hold counts too. Over either, the worker spills instead of
/// growing (partitioned aggregation, as in DuckDB and Hyper), and no aggregate state is ever serialized:
/// it stops adding groups and strings; rows whose key its table holds keep aggregating there (lookup
/// only); the other rows are written, with the input columns the aggregate reads, to one of 16 spill files
/// chosen by 4 bits of a hash of the key's values (<see cref="Kernels.Hashing.KeyValueHash"/>: string bytes,
/// not ids, so all workers agree). A key spilled by one worker may be held by another, so once every worker
/// is done the partials are merged into one table T, and each spilled partition is read back: rows whose
/// key T holds are folded into T (lookup only), the rest go into a fresh table for that partition, which
/// is emitted and dropped before the next partition. T is emitted after the last partition. A fresh table
/// that, beside T, outgrows what the query's memory allows spills the same way to 16 files of its own, split by the next 4 bits,
/// and those are drained after it, each with the whole budget once T is gone; a partition still too large
/// after 8 levels fails the query. Each key thus has its rows in exactly one table: T, or the one fresh
/// table of the partition its hash selects at the first level where it was not held. Without group
/// columns there is nothing to spill: the query fails with a clear message when over budget, as it does
/// when, after a table stopped taking groups, the states of those it holds (count distinct, percentile)
/// keep growing, past twice what they took and past the limit on top. Spill files go to <see cref="QueryContext.SpillDirectory"/> and are deleted once read, and all
/// of them when the query ends, fails or is cancelled; <see cref="QueryContext.Spills"/> counts them.
/// </para>
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
        var spills = new List<SpillPartitions>();
        using var held = context.Memory.Reserve(Name);
        try
        {
            var results = new Results(this, context, spills, held);
            LocalState? result;
            while ((result = results.Next()) is not null)
            {
                int groups = result.GroupCount;
                for (int start = 0; start < groups; start += batchSize)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    int count = Math.Min(batchSize, groups - start);
                    yield return result.Emit(OutputSchema, start, count);
                }
                result = null; // emitted: the next table may take its memory
            }
        }
        finally
        {
            foreach (var spill in spills) spill.Dispose();
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

    /// <summary>
    /// Aggregates the input; the result is one or more disjoint sets of groups (hash partitions). A worker whose
    /// table, states and interned strings outgrow its share of the memory limit stops adding groups and writes the
    /// rows of new keys to <paramref name="spill"/>; when some did (<paramref name="spilled"/>), the result is one
    /// table, so that the spilled rows can look their keys up in it.
    /// </summary>
    private List<LocalState> Aggregate(QueryContext context, SpillPartitions? spill, MemoryReservation held, out bool spilled)
    {
        Schema input = Child.OutputSchema;
        int workers = Math.Max(1, context.DegreeOfParallelism);
        int partitions = MergePartitions(workers);
        long share = context.MemoryLimitBytes / workers;
        var workerBytes = new long[workers];
        // Each worker holds at most its share, and all of them together what the query's memory still allows.
        bool Fits(int w, long bytes)
        {
            if (bytes > share) return false;
            lock (held)
            {
                long others = 0;
                for (int i = 0; i < workers; i++) if (i != w) others += workerBytes[i];
                if (!held.TryResize(others + bytes)) return false;
                workerBytes[w] = bytes;
                return true;
            }
        }
        var locals = new LocalState[workers];
        var runs = new List<GroupRun>[workers];
        SharedBatchWorkers.Run(Child.Execute(context), workers, context.Cancellation, (w, next) =>
        {
            var local = locals[w] = new LocalState(this, input, context);
            var full = runs[w] = [];
            long rowsInTable = 0, ceiling = long.MaxValue;
            int flushAt = FlushGroups;
            while (next() is { } item)
            {
                if (ceiling != long.MaxValue)
                {
                    // Over budget: rows of the groups held still aggregate here, the others spill.
                    ReadOnlySpan<int> misses = local.ConsumeExisting(item.Batch);
                    if (!misses.IsEmpty) spill!.Write(item.Batch, misses);
                    if (local.TotalBytes > ceiling) AggregateThrow.StatesOverLimit(local.GroupCount, local.TotalBytes, context);
                    continue;
                }
                local.Consume(item.Batch);
                if (!Fits(w, local.TotalBytes))
                {
                    if (spill is null) AggregateThrow.GlobalAggregateOverLimit(local.TotalBytes, share, context);
                    ceiling = GrowthCeiling(local.TotalBytes, context);
                    continue;
                }
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
        spilled = spill is not null && spill.Complete();
        var partials = locals.Where(l => l is not null).ToArray();
        var flushed = runs.Where(r => r is not null).SelectMany(r => r).ToList();
        long total = partials.Sum(l => (long)l.GroupCount) + flushed.Sum(r => (long)r.Count);
        if (_groupColumns.Length == 0 || (flushed.Count == 0 && (spilled || total < ParallelMergeThreshold)))
        {
            for (int w = 1; w < partials.Length; w++) partials[0].MergeFrom(partials[w]);
            return [partials[0]];
        }
        var tail = new GroupRun[partials.Length];
        Parallel.For(0, partials.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, w => tail[w] = partials[w].ToRun(partitions));
        flushed.AddRange(tail.Where(r => r.Count > 0));
        return MergeRuns(flushed, partitions, spilled ? 1 : partitions, input, context);
    }

    /// <summary>
    /// What a table that stopped taking new groups at <paramref name="bytes"/> may grow to as the states of the groups
    /// it holds keep growing (count distinct, percentile): by the memory limit or by what it held, whichever is more.
    /// Beyond that the query fails rather than exhausting the process.
    /// </summary>
    private static long GrowthCeiling(long bytes, QueryContext context) => bytes + Math.Max(bytes, context.MemoryLimitBytes);

    /// <summary>
    /// Merge partitions: many, so each partition's table stays cache-sized, unless an aggregate keeps a list of
    /// entries that every partition's merge walks whole (median, distinct), where few partitions cost less.
    /// </summary>
    private int MergePartitions(int workers) =>
        _aggregates.Any(a => a.Function is AggregateFunction.Percentile or AggregateFunction.PercentileApprox or AggregateFunction.CountDistinct or AggregateFunction.SumDistinct)
            ? workers * 4 : 256;

    /// <summary>
    /// Merges runs of groups into <paramref name="outputs"/> tables (a divisor of <paramref name="partitions"/>) in
    /// parallel, one task per output: the runs of other workers first get this encoder's string ids (maps built once
    /// per worker) and the hashes of those ids; then each output's merge partitions, contiguous in every run, go into
    /// that output's own table and states. Outputs hold disjoint groups, so they simply concatenate.
    /// </summary>
    private List<LocalState> MergeRuns(List<GroupRun> runs, int partitions, int outputs, Schema input, QueryContext context)
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
        var result = new LocalState[outputs];
        int span = partitions / outputs;
        Parallel.For(0, outputs, options, o =>
        {
            int first = o * span, last = first + span;
            int expected = 0;
            foreach (var run in runs) expected += run.Starts[last] - run.Starts[first];
            var state = new LocalState(this, input, context, encoder, expected);
            foreach (var run in runs)
            {
                int start = run.Starts[first], count = run.Starts[last] - start;
                if (count > 0) state.MergeRange(run.States, run.Keys, run.Hashes, identity.AsSpan(start, count));
            }
            result[o] = state;
        });
        return outputs == 1 ? [result[0]] : [.. result.Where(r => r.GroupCount > 0)];
    }

    private static int PartitionOf(ulong hash, int partitions) => (int)(((hash >> 32) & 0xFFFF) * (ulong)partitions >> 16);

    public override string ToString()
    {
        string keys = string.Join(", ", _groupColumns.Select(c => $"#{c}"));
        string aggs = string.Join(", ", _aggregates.Select(a => a.ToString()));
        return $"HashAggregate keys=[{keys}] aggs=[{aggs}]";
    }
}
