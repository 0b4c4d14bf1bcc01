using Kindling.Kernels.Hashing;
using Kindling.Kernels.Selection;
using Kindling.Memory;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Join;

/// <summary>
/// Equi-join on key columns; output is the left columns then the right (semi/anti: left only).
/// Materializes the right side into a <see cref="JoinBuildSide"/> (keys serialized to words by
/// <see cref="GroupKeyEncoder"/> and hashed into a table), then probes left batches: each batch's keys are
/// encoded and looked up in bulk, matches become (left, right) index pairs and the output columns are
/// gathered with <see cref="VectorTake"/>. Null keys never match. Right/full outer joins emit the unmatched
/// build rows at the end. A build side over the memory limit fails clearly (no spilling).
/// </summary>
internal sealed class HashJoinOperator : PhysicalOperator
{
    private readonly int[] _leftKeys;
    private readonly int[] _rightKeys;
    private readonly JoinType _joinType;

    public HashJoinOperator(PhysicalOperator left, PhysicalOperator right, int[] leftKeys, int[] rightKeys, JoinType joinType)
        : base(JoinSchema(left, right, leftKeys, rightKeys, joinType), left, right)
    {
        _leftKeys = [.. leftKeys];
        _rightKeys = [.. rightKeys];
        _joinType = joinType;
    }

    public override string Name => "HashJoin";

    public JoinType JoinType => _joinType;

    private static Schema JoinSchema(PhysicalOperator left, PhysicalOperator right, int[] leftKeys, int[] rightKeys, JoinType joinType)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        if (!Enum.IsDefined(joinType)) throw new ArgumentOutOfRangeException(nameof(joinType), joinType, "unknown join type");
        if (leftKeys.Length != rightKeys.Length)
            throw new ArgumentException($"a hash join needs as many left keys as right keys, got {leftKeys.Length} and {rightKeys.Length}");
        if (leftKeys.Length == 0 && joinType != JoinType.Cross)
            throw new ArgumentException($"a {joinType} hash join needs at least one key pair; use NestedLoopJoinOperator for cross joins");
        if (leftKeys.Length > 64) throw new ArgumentException($"at most 64 join keys are supported, got {leftKeys.Length}");
        Schema ls = left.OutputSchema, rs = right.OutputSchema;
        for (int k = 0; k < leftKeys.Length; k++)
        {
            if (leftKeys[k] < 0 || leftKeys[k] >= ls.Count)
                throw new ArgumentOutOfRangeException(nameof(leftKeys), leftKeys[k], $"left join key #{leftKeys[k]} is out of range: the left input has {ls.Count} columns {ls}");
            if (rightKeys[k] < 0 || rightKeys[k] >= rs.Count)
                throw new ArgumentOutOfRangeException(nameof(rightKeys), rightKeys[k], $"right join key #{rightKeys[k]} is out of range: the right input has {rs.Count} columns {rs}");
            if (ls[leftKeys[k]].Type != rs[rightKeys[k]].Type)
                throw new ArgumentException($"join key {k} compares {ls[leftKeys[k]].Type} ('{ls[leftKeys[k]].Name}') with {rs[rightKeys[k]].Type} ('{rs[rightKeys[k]].Name}'); the planner must cast them to one type");
        }
        if (joinType is JoinType.LeftSemi or JoinType.LeftAnti) return ls;
        bool leftNullable = joinType is JoinType.RightOuter or JoinType.FullOuter;
        bool rightNullable = joinType is JoinType.LeftOuter or JoinType.FullOuter;
        var fields = new List<Field>();
        foreach (var f in ls.Fields) fields.Add(leftNullable ? f with { Nullable = true } : f);
        foreach (var f in rs.Fields) fields.Add(rightNullable ? f with { Nullable = true } : f);
        return new Schema(fields);
    }

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        if (_joinType == JoinType.Cross)
            return NestedLoopJoinOperator.CrossJoin(Children[0], Children[1], OutputSchema, context);
        return Join(context);
    }

    private IEnumerable<ColumnBatch> Join(QueryContext context)
    {
        PhysicalOperator left = Children[0], right = Children[1];
        using var held = context.Memory.Reserve("HashJoin build side");
        JoinBuildSide table = BuildTable(right, context, held);
        byte[]? matched = _joinType is JoinType.RightOuter or JoinType.FullOuter ? new byte[table.Batch.RowCount] : null;
        int workers = Math.Max(1, context.DegreeOfParallelism);
        IEnumerable<ColumnBatch> probed = workers == 1
            ? ProbeAll(left.Execute(context), new ProbeBuffers(this, table, context), matched, context)
            : ProbeParallel(left, table, matched, workers, context);
        foreach (var batch in probed) yield return batch;
        if (matched is null) yield break;

        // Unmatched build rows of right/full outer joins, with a null left side.
        var buffers = new ProbeBuffers(this, table, context);
        ColumnBatch nullLeft = JoinOutput.EmptyBatch(left.OutputSchema);
        int m = 0;
        for (int r = 0; r < matched.Length; r++)
        {
            if (matched[r] != 0) continue;
            buffers.LeftRows[m] = -1;
            buffers.RightRows[m] = r;
            if (++m == buffers.LeftRows.Length)
            {
                yield return JoinOutput.Build(OutputSchema, nullLeft, table.Batch, buffers.LeftRows, buffers.RightRows, includeRight: true);
                m = 0;
            }
        }
        if (m > 0) yield return JoinOutput.Build(OutputSchema, nullLeft, table.Batch, buffers.LeftRows.AsSpan(0, m), buffers.RightRows.AsSpan(0, m), includeRight: true);
    }

    private IEnumerable<ColumnBatch> ProbeAll(IEnumerable<ColumnBatch> probes, ProbeBuffers buffers, byte[]? matched, QueryContext context)
    {
        foreach (var probe in probes)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            foreach (var output in ProbeBatch(probe, buffers, matched)) yield return output;
        }
    }

    /// <summary>
    /// Workers pull left batches through a shared enumerator, probe them with their own buffers and hand
    /// output batches over a bounded queue (output order across batches is not preserved). Marking matched
    /// build rows from several threads is a benign race: every writer stores 1.
    /// </summary>
    private IEnumerable<ColumnBatch> ProbeParallel(PhysicalOperator left, JoinBuildSide table, byte[]? matched, int workers, QueryContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        using var queue = new System.Collections.Concurrent.BlockingCollection<ColumnBatch>(2 * workers);
        using IEnumerator<ColumnBatch> source = left.Execute(context).GetEnumerator();
        var gate = new object();
        bool done = false;
        Task producers = Task.Run(() =>
        {
            try
            {
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = stop.Token }, _ =>
                {
                    var buffers = new ProbeBuffers(this, table, context);
                    while (true)
                    {
                        ColumnBatch probe;
                        lock (gate)
                        {
                            if (done || !source.MoveNext()) { done = true; return; }
                            probe = source.Current;
                        }
                        foreach (var output in ProbeBatch(probe, buffers, matched)) queue.Add(output, stop.Token);
                    }
                });
            }
            finally
            {
                queue.CompleteAdding();
            }
        });
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(context.Cancellation)) yield return batch;
        }
        finally
        {
            stop.Cancel();
            try { producers.Wait(); }
            catch (AggregateException) { /* inspected below once the consumer finished normally */ }
        }
        // Surface a producer failure that ended the queue early.
        context.Cancellation.ThrowIfCancellationRequested();
        Exception? failure = producers.Exception?.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException);
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }

    /// <summary>One worker's reusable probe buffers, its own key encoder view, and where it is in the current probe batch.</summary>
    private sealed class ProbeBuffers(HashJoinOperator op, JoinBuildSide table, QueryContext context)
    {
        public GroupKeyEncoder Encoder { get; } = table.Encoder.CloneForLookup();
        public JoinBuildSide Table { get; } = table;
        public int[] LeftRows { get; } = new int[Math.Max(1, context.BatchSize)];
        public int[] RightRows { get; } = new int[Math.Max(1, context.BatchSize)];
        public ColumnVector[] KeyVectors { get; } = new ColumnVector[op._leftKeys.Length];
        public ulong[] Words = [];
        public ulong[] Hashes = [];
        public byte[] Invalid = [];
        public int[] Groups = [];
        /// <summary>The probe row whose matches come next.</summary>
        public int ProbeRow;
        /// <summary>The build row that continues <see cref="ProbeRow"/>'s matches, or -1 when that row has not started.</summary>
        public int PendingBuildRow;
    }

    /// <summary>Probes one left batch and yields its output batches (at most BatchSize rows each).</summary>
    private IEnumerable<ColumnBatch> ProbeBatch(ColumnBatch probe, ProbeBuffers b, byte[]? matched)
    {
        int rows = probe.RowCount;
        if (rows == 0) yield break;
        LookUp(probe, b);
        bool emitRight = _joinType is not (JoinType.LeftSemi or JoinType.LeftAnti);
        b.ProbeRow = 0;
        b.PendingBuildRow = -1;
        while (true)
        {
            int n = FillPairs(b, rows, matched);
            if (n == 0) yield break;
            yield return JoinOutput.Build(OutputSchema, probe, b.Table.Batch, b.LeftRows.AsSpan(0, n), b.RightRows.AsSpan(0, n), emitRight);
        }
    }

    /// <summary>Encodes and hashes the probe keys and finds each row's build group (-1: no match or a null key).</summary>
    private void LookUp(ColumnBatch probe, ProbeBuffers b)
    {
        int rows = probe.RowCount, width = b.Encoder.Width;
        if (b.Groups.Length < rows)
        {
            b.Words = new ulong[rows * width];
            b.Hashes = new ulong[rows];
            b.Invalid = new byte[rows];
            b.Groups = new int[rows];
        }
        b.Encoder.Encode(GroupKeyEncoder.Select(probe, _leftKeys, b.KeyVectors), rows, b.Words, lookupOnly: true, b.Invalid);
        b.Table.Find(b.Words, b.Hashes, rows, b.Invalid, b.Groups);
    }

    /// <summary>
    /// Writes the next (left, right) row pairs of the probed batch into the buffers, at most a batch of them,
    /// resuming where the previous call stopped; returns how many (0 when the batch is done). A plain method,
    /// not part of the iterator, so its loop keeps its variables in registers.
    /// </summary>
    private int FillPairs(ProbeBuffers b, int rows, byte[]? matched)
    {
        int[] leftIdx = b.LeftRows, rightIdx = b.RightRows, groups = b.Groups;
        int batchSize = leftIdx.Length, n = 0, i = b.ProbeRow;
        JoinBuildSide table = b.Table;
        switch (_joinType)
        {
            case JoinType.LeftSemi:
                for (; i < rows && n < batchSize; i++)
                    if (groups[i] >= 0) leftIdx[n++] = i;
                break;
            case JoinType.LeftAnti:
                for (; i < rows && n < batchSize; i++)
                    if (groups[i] < 0) leftIdx[n++] = i;
                break;
            default:
            {
                bool keepUnmatchedLeft = _joinType is JoinType.LeftOuter or JoinType.FullOuter;
                if (table.UniqueKeys)
                {
                    for (; i < rows && n < batchSize; i++)
                    {
                        int g = groups[i];
                        if (g >= 0)
                        {
                            if (matched is not null) matched[g] = 1;
                            leftIdx[n] = i; rightIdx[n] = g; n++;
                        }
                        else if (keepUnmatchedLeft) { leftIdx[n] = i; rightIdx[n] = -1; n++; }
                    }
                    break;
                }
                int r = b.PendingBuildRow;
                while (n < batchSize)
                {
                    if (r < 0)
                    {
                        if (i >= rows) break;
                        int g = groups[i];
                        if (g < 0)
                        {
                            if (keepUnmatchedLeft) { leftIdx[n] = i; rightIdx[n] = -1; n++; }
                            i++;
                            continue;
                        }
                        r = table.FirstRow(g);
                    }
                    if (matched is not null) matched[r] = 1;
                    leftIdx[n] = i; rightIdx[n] = r; n++;
                    r = table.NextRow(r);
                    if (r < 0) i++;
                }
                b.PendingBuildRow = r;
                break;
            }
        }
        b.ProbeRow = i;
        return n;
    }

    /// <summary>Materializes and hashes the right input, holding its bytes (then also the table's) in <paramref name="held"/>.</summary>
    private JoinBuildSide BuildTable(PhysicalOperator right, QueryContext context, MemoryReservation held)
    {
        const string advice = "put the smaller input on the right";
        var side = JoinBuildSide.Create(VectorConcat.Concat(right.OutputSchema, HeldInput.Load(right, context, held, advice)), _rightKeys, context.DegreeOfParallelism);
        HeldInput.Grow(held, side.TableBytes, advice);
        return side;
    }

    public override string ToString()
    {
        string keys = string.Join(", ", _leftKeys.Select((l, k) => $"#{l} = #{_rightKeys[k]}"));
        return $"HashJoin {_joinType} keys=[{keys}]";
    }
}
