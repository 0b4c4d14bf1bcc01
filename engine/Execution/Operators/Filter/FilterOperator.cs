using System.Buffers;
using Kindling.Execution.Evaluation;
using Kindling.Kernels.Boolean;
using Kindling.Kernels.Selection;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Filter;

/// <summary>
/// Keeps rows whose predicate is true: builds a selection vector, passes the batch through untouched
/// when every row matches, skips it when none do, and otherwise takes the selected rows.
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

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        int[] selection = [];
        try
        {
            foreach (var batch in Children[0].Execute(context))
            {
                context.Cancellation.ThrowIfCancellationRequested();
                if (batch.RowCount == 0) continue;
                var mask = ExpressionEvaluator.Bool(Predicate, batch);
                if (selection.Length < batch.RowCount)
                {
                    if (selection.Length > 0) ArrayPool<int>.Shared.Return(selection);
                    selection = ArrayPool<int>.Shared.Rent(batch.RowCount);
                }
                int count = BooleanKernels.SelectTrue(mask, selection);
                if (count == batch.RowCount) { yield return batch; continue; }
                if (count == 0) continue;
                yield return Take(batch, selection.AsSpan(0, count));
            }
        }
        finally
        {
            if (selection.Length > 0) ArrayPool<int>.Shared.Return(selection);
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
