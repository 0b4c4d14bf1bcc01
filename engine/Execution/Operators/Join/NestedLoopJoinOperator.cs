using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Join;

/// <summary>
/// Cross join: every left row with every right row, left-major. The right side is materialized once;
/// output batches hold at most <see cref="QueryContext.BatchSize"/> rows.
/// </summary>
internal sealed class NestedLoopJoinOperator : PhysicalOperator
{
    public NestedLoopJoinOperator(PhysicalOperator left, PhysicalOperator right)
        : base(JoinSchema(left, right), left, right)
    {
    }

    public override string Name => "NestedLoopJoin";

    private static Schema JoinSchema(PhysicalOperator left, PhysicalOperator right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new Schema([.. left.OutputSchema.Fields, .. right.OutputSchema.Fields]);
    }

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) =>
        CrossJoin(Children[0], Children[1], OutputSchema, context);

    internal static IEnumerable<ColumnBatch> CrossJoin(PhysicalOperator left, PhysicalOperator right, Schema output, QueryContext context)
    {
        ColumnBatch build = VectorConcat.Concat(right.OutputSchema, right.Execute(context).ToList());
        int buildRows = build.RowCount;
        if (buildRows == 0) yield break;
        int batchSize = Math.Max(1, context.BatchSize);
        var leftIdx = new int[batchSize];
        var rightIdx = new int[batchSize];
        foreach (var probe in left.Execute(context))
        {
            long total = (long)probe.RowCount * buildRows;
            for (long start = 0; start < total; start += batchSize)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                int count = (int)Math.Min(batchSize, total - start);
                for (int k = 0; k < count; k++)
                {
                    long p = start + k;
                    leftIdx[k] = (int)(p / buildRows);
                    rightIdx[k] = (int)(p % buildRows);
                }
                yield return JoinOutput.Build(output, probe, build, leftIdx.AsSpan(0, count), rightIdx.AsSpan(0, count), includeRight: true);
            }
        }
    }

    public override string ToString() => "NestedLoopJoin Cross";
}
