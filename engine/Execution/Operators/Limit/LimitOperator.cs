using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Limit;

/// <summary>The first <see cref="Count"/> rows; stops pulling from its child once reached.</summary>
internal sealed class LimitOperator(PhysicalOperator child, long count) : PhysicalOperator(child.OutputSchema, child)
{
    public long Count { get; } = count;

    public override string Name => "Limit";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        long remaining = Count;
        if (remaining <= 0) yield break;
        foreach (var batch in Children[0].Execute(context))
        {
            if (batch.RowCount <= remaining)
            {
                remaining -= batch.RowCount;
                yield return batch;
            }
            else
            {
                var rows = new int[remaining];
                for (int i = 0; i < rows.Length; i++) rows[i] = i;
                var columns = batch.Columns.Select(c => VectorTake.Take(c, rows)).ToArray();
                yield return new ColumnBatch(batch.Schema, columns, rows.Length);
                remaining = 0;
            }
            if (remaining == 0) yield break;
        }
    }

    public override string ToString() => $"Limit {Count}";
}
