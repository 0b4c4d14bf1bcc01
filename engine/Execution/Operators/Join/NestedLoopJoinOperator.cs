using System.Buffers;
using Kindling.Execution.Evaluation;
using Kindling.Kernels.Boolean;
using Kindling.Kernels.Selection;
using Kindling.Memory;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Join;

/// <summary>
/// Nested-loop join: every left row with every right row, left-major, optionally kept only where a
/// condition holds (an inner join without equality keys, for example a range lookup). The right side is
/// materialized once. With a condition, each chunk of row pairs first gathers only the columns the
/// condition reads, and the full output row is built for the matching pairs alone, so a selective
/// condition never materializes the cross product. Probe batches are joined on all cores, in order.
/// </summary>
internal sealed class NestedLoopJoinOperator : PhysicalOperator
{
    private readonly Expr? _condition;
    private readonly Expr? _narrowCondition;
    private readonly int[] _conditionColumns = [];

    /// <param name="condition">A boolean expression bound to the output layout (left columns, then right), or null for a plain cross join.</param>
    public NestedLoopJoinOperator(PhysicalOperator left, PhysicalOperator right, Expr? condition = null)
        : base(JoinSchema(left, right), left, right)
    {
        _condition = condition;
        if (condition is null) return;
        // The condition rebound to a narrow batch holding only the columns it reads.
        var used = new SortedSet<int>();
        condition.Any(e =>
        {
            if (e is BoundRef b) used.Add(b.Ordinal);
            return false;
        });
        _conditionColumns = [.. used];
        _narrowCondition = condition.TransformUp(e => e is BoundRef b ? new BoundRef(Array.IndexOf(_conditionColumns, b.Ordinal), b.Type, b.Nullable, b.Name) : e);
    }

    public override string Name => OperatorName;

    private static Schema JoinSchema(PhysicalOperator left, PhysicalOperator right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new Schema([.. left.OutputSchema.Fields, .. right.OutputSchema.Fields]);
    }

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        using var held = context.Memory.Reserve(OperatorName);
        ColumnBatch build = LoadBuildSide(Children[1], context, held);
        if (build.RowCount == 0) yield break;
        var output = _condition is null
            ? CrossJoin(Children[0], build, OutputSchema, context)
            : BatchPipeline.Map(Children[0].Execute(context), probe => JoinWhere(probe, build, context), context).SelectMany(b => Chunks(b, context.BatchSize));
        foreach (var batch in output) yield return batch;
    }

    /// <summary>Output batches of at most <paramref name="size"/> rows.</summary>
    private static IEnumerable<ColumnBatch> Chunks(ColumnBatch batch, int size)
    {
        size = Math.Max(1, size);
        if (batch.RowCount <= size)
        {
            yield return batch;
            yield break;
        }
        for (int start = 0; start < batch.RowCount; start += size)
            yield return VectorConcat.Slice(batch, start, Math.Min(size, batch.RowCount - start));
    }

    /// <summary>Every left row with every right row (a hash join's cross join delegates here).</summary>
    internal static IEnumerable<ColumnBatch> CrossJoin(PhysicalOperator left, PhysicalOperator right, Schema output, QueryContext context)
    {
        using var held = context.Memory.Reserve(OperatorName);
        ColumnBatch build = LoadBuildSide(right, context, held);
        if (build.RowCount == 0) yield break;
        foreach (var batch in CrossJoin(left, build, output, context)) yield return batch;
    }

    private const string OperatorName = "NestedLoopJoin";

    /// <summary>The right input, held whole for the join in <paramref name="held"/> (grown as it arrives).</summary>
    private static ColumnBatch LoadBuildSide(PhysicalOperator right, QueryContext context, MemoryReservation held) =>
        VectorConcat.Concat(right.OutputSchema, HeldInput.Load(right, context, held,
            "put the smaller input on the right, or add an equality condition so a hash join can be used"));

    private static IEnumerable<ColumnBatch> CrossJoin(PhysicalOperator left, ColumnBatch build, Schema output, QueryContext context)
    {
        int buildRows = build.RowCount;
        int batchSize = Math.Max(1, context.BatchSize);
        var leftIdx = new int[batchSize];
        var rightIdx = new int[batchSize];
        foreach (var probe in left.Execute(context))
        {
            long total = (long)probe.RowCount * buildRows;
            for (long start = 0; start < total; start += batchSize)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                int count = FillPairs(start, (int)Math.Min(batchSize, total - start), buildRows, leftIdx, rightIdx);
                yield return JoinOutput.Build(output, probe, build, leftIdx.AsSpan(0, count), rightIdx.AsSpan(0, count), includeRight: true);
            }
        }
    }

    /// <summary>The matching pairs of one probe batch as one output batch (null when none match).</summary>
    private ColumnBatch? JoinWhere(ColumnBatch probe, ColumnBatch build, QueryContext context)
    {
        int buildRows = build.RowCount, chunk = Math.Max(1, context.BatchSize);
        long total = (long)probe.RowCount * buildRows;
        var leftIdx = ArrayPool<int>.Shared.Rent(chunk);
        var rightIdx = ArrayPool<int>.Shared.Rent(chunk);
        var selection = ArrayPool<int>.Shared.Rent(chunk);
        var matchedLeft = new List<int>();
        var matchedRight = new List<int>();
        try
        {
            int leftColumns = probe.ColumnCount;
            var narrowFields = new Field[_conditionColumns.Length];
            for (int i = 0; i < narrowFields.Length; i++) narrowFields[i] = OutputSchema[_conditionColumns[i]];
            var narrowSchema = new Schema(narrowFields);
            for (long start = 0; start < total; start += chunk)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                int count = FillPairs(start, (int)Math.Min(chunk, total - start), buildRows, leftIdx, rightIdx);
                var columns = new ColumnVector[_conditionColumns.Length];
                for (int i = 0; i < columns.Length; i++)
                {
                    int c = _conditionColumns[i];
                    columns[i] = c < leftColumns
                        ? VectorTake.Take(probe[c], leftIdx.AsSpan(0, count))
                        : VectorTake.Take(build[c - leftColumns], rightIdx.AsSpan(0, count));
                }
                var mask = ExpressionEvaluator.Bool(_narrowCondition!, new ColumnBatch(narrowSchema, columns, count));
                int matches = BooleanKernels.SelectTrue(mask, selection);
                for (int k = 0; k < matches; k++)
                {
                    matchedLeft.Add(leftIdx[selection[k]]);
                    matchedRight.Add(rightIdx[selection[k]]);
                }
            }
            if (matchedLeft.Count == 0) return null;
            return JoinOutput.Build(OutputSchema, probe, build, matchedLeft.ToArray(), matchedRight.ToArray(), includeRight: true);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(leftIdx);
            ArrayPool<int>.Shared.Return(rightIdx);
            ArrayPool<int>.Shared.Return(selection);
        }
    }

    /// <summary>Pairs start .. start+count-1 of the probe × build product, left-major.</summary>
    private static int FillPairs(long start, int count, int buildRows, int[] leftIdx, int[] rightIdx)
    {
        for (int k = 0; k < count; k++)
        {
            long p = start + k;
            leftIdx[k] = (int)(p / buildRows);
            rightIdx[k] = (int)(p % buildRows);
        }
        return count;
    }

    public override string ToString() => _condition is null ? "NestedLoopJoin Cross" : $"NestedLoopJoin Inner {_condition}";
}
