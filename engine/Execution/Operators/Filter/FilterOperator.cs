using System.Buffers;
using Kindling.Execution.Evaluation;
using Kindling.Kernels.Boolean;
using Kindling.Kernels.Selection;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Filter;

/// <summary>
/// Keeps rows whose predicate is true: builds a selection vector, passes the batch through untouched
/// when every row matches, skips it when none do, and otherwise takes the selected rows. Batches are
/// filtered on all cores, in order (<see cref="BatchPipeline"/>).
/// </summary>
internal sealed class FilterOperator : PhysicalOperator
{
    public FilterOperator(PhysicalOperator child, Expr predicate) : base(child.OutputSchema, child)
    {
        if (predicate.Type.Kind != TypeKind.Boolean)
            throw new ArgumentException($"filter predicate {predicate} is {predicate.Type}, not boolean", nameof(predicate));
        Predicate = predicate;
    }

    public Expr Predicate { get; }

    public override string Name => "Filter";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) =>
        BatchPipeline.Map(Children[0].Execute(context), FilterBatch, context);

    /// <summary>The batch itself when every row matches, null when none does, otherwise the selected rows.</summary>
    private ColumnBatch? FilterBatch(ColumnBatch batch)
    {
        if (batch.RowCount == 0) return null;
        var mask = ExpressionEvaluator.Bool(Predicate, batch);
        int[] selection = ArrayPool<int>.Shared.Rent(batch.RowCount);
        try
        {
            int count = BooleanKernels.SelectTrue(mask, selection);
            if (count == batch.RowCount) return batch;
            return count == 0 ? null : Take(batch, selection.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(selection);
        }
    }

    internal static ColumnBatch Take(ColumnBatch batch, ReadOnlySpan<int> rows)
    {
        var columns = new ColumnVector[batch.ColumnCount];
        for (int c = 0; c < columns.Length; c++) columns[c] = VectorTake.Take(batch[c], rows);
        return new ColumnBatch(batch.Schema, columns, rows.Length);
    }

    public override string ToString() => $"Filter {Predicate}";
}
