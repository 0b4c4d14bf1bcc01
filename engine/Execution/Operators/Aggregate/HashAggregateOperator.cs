using System.Runtime.ExceptionServices;
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

    /// <summary>Aggregates the input; the result is one or more disjoint sets of groups (hash partitions).</summary>
    private List<LocalState> Aggregate(QueryContext context)
    {
        Schema input = Child.OutputSchema;
        int workers = Math.Max(1, context.DegreeOfParallelism);
        if (workers == 1)
        {
            var local = new LocalState(this, input, context);
            foreach (var batch in Child.Execute(context))
            {
                context.Cancellation.ThrowIfCancellationRequested();
                local.Consume(batch);
            }
            return [local];
        }

        var locals = new LocalState[workers];
        using (IEnumerator<ColumnBatch> source = Child.Execute(context).GetEnumerator())
        {
            var gate = new object();
            bool done = false;
            try
            {
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = context.Cancellation }, w =>
                {
                    var local = new LocalState(this, input, context);
                    locals[w] = local;
                    while (true)
                    {
                        ColumnBatch batch;
                        lock (gate)
                        {
                            if (done || !source.MoveNext()) { done = true; break; }
                            batch = source.Current;
                        }
                        local.Consume(batch);
                    }
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }
        }
        var partials = locals.Where(l => l is not null).ToArray();
        long total = partials.Sum(l => (long)l.GroupCount);
        if (_groupColumns.Length == 0 || total < ParallelMergeThreshold)
        {
            for (int w = 1; w < partials.Length; w++) partials[0].MergeFrom(partials[w]);
            return [partials[0]];
        }
        return MergePartitioned(partials, input, context);
    }

    /// <summary>
    /// Merges many partial groups in parallel: every worker's groups are split by hash into partitions
    /// (after rewriting string ids into the first worker's ids), and each partition is merged by one task
    /// into its own table and states. Partitions hold disjoint groups, so their outputs simply concatenate.
    /// </summary>
    private List<LocalState> MergePartitioned(LocalState[] partials, Schema input, QueryContext context)
    {
        GroupKeyEncoder encoder = partials[0].Encoder!;
        int workers = Math.Max(1, context.DegreeOfParallelism);
        int partitions = workers * 4;
        var keys = new ulong[partials.Length][];
        var hashes = new ulong[partials.Length][];
        var selections = new int[partials.Length][][];
        for (int w = 0; w < partials.Length; w++) (keys[w], hashes[w]) = partials[w].KeysFor(encoder);
        Parallel.For(0, partials.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            ulong[] h = hashes[w];
            var counts = new int[partitions];
            foreach (ulong x in h) counts[PartitionOf(x, partitions)]++;
            var lists = new int[partitions][];
            for (int p = 0; p < partitions; p++) lists[p] = new int[counts[p]];
            var fill = new int[partitions];
            for (int g = 0; g < h.Length; g++)
            {
                int p = PartitionOf(h[g], partitions);
                lists[p][fill[p]++] = g;
            }
            selections[w] = lists;
        });
        var result = new LocalState[partitions];
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = context.Cancellation }, p =>
        {
            int expected = 0;
            for (int w = 0; w < partials.Length; w++) expected += selections[w][p].Length;
            var state = new LocalState(this, input, context, encoder, expected);
            for (int w = 0; w < partials.Length; w++) state.MergeGroups(partials[w], keys[w], hashes[w], selections[w][p]);
            result[p] = state;
        });
        return [.. result];
    }

    private static int PartitionOf(ulong hash, int partitions) => (int)(((hash >> 32) & 0xFFFF) * (ulong)partitions >> 16);

    public override string ToString()
    {
        string keys = string.Join(", ", _groupColumns.Select(c => $"#{c}"));
        string aggs = string.Join(", ", _aggregates.Select(a => a.ToString()));
        return $"HashAggregate keys=[{keys}] aggs=[{aggs}]";
    }
}
