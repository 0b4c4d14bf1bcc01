using Kindling.Vectors;

namespace Kindling.Execution.Operators.Project;

/// <summary>
/// Appends a bigint column numbering the rows 0, 1, 2, ... in the order the child produces them:
/// the engine's <c>monotonically_increasing_id()</c>. Spark puts the partition index in the upper bits;
/// the embedded engine reads a file's rows in file order as one partition, so the ids are consecutive.
/// </summary>
internal sealed class RowIdOperator(PhysicalOperator child, string columnName)
    : PhysicalOperator(new Schema([.. child.OutputSchema.Fields, new Field(columnName, ColumnType.Int64, false)]), child)
{
    public override string Name => "RowId";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        long next = 0;
        foreach (var batch in Children[0].Execute(context))
        {
            int n = batch.RowCount;
            var ids = new long[n];
            for (int i = 0; i < ids.Length; i++) ids[i] = next + i;
            next += n;
            var columns = new ColumnVector[batch.ColumnCount + 1];
            for (int c = 0; c < batch.ColumnCount; c++) columns[c] = batch[c];
            columns[^1] = new PrimitiveVector<long>(ColumnType.Int64, ids, n);
            yield return new ColumnBatch(OutputSchema, columns, n);
        }
    }

    public override string ToString() => $"RowId [{OutputSchema[^1].Name}]";
}
