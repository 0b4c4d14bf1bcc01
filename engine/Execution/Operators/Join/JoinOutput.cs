using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Join;

/// <summary>Builds a join's output batch from index pairs (-1 = the null row of an outer join's unmatched side).</summary>
internal static class JoinOutput
{
    public static ColumnBatch Build(Schema output, ColumnBatch left, ColumnBatch? right, ReadOnlySpan<int> leftRows, ReadOnlySpan<int> rightRows, bool includeRight)
    {
        var columns = new ColumnVector[output.Count];
        int l = left.ColumnCount;
        for (int c = 0; c < l; c++) columns[c] = Retype(VectorTake.Take(left[c], leftRows), output[c].Type);
        if (includeRight)
            for (int c = 0; c < right!.ColumnCount; c++) columns[l + c] = Retype(VectorTake.Take(right[c], rightRows), output[l + c].Type);
        return new ColumnBatch(output, columns, leftRows.Length);
    }

    /// <summary>A batch of no rows per field type, whose vectors can be "taken" with -1 indices to produce nulls.</summary>
    public static ColumnBatch EmptyBatch(Schema schema)
    {
        var columns = new ColumnVector[schema.Count];
        for (int c = 0; c < columns.Length; c++) columns[c] = VectorConcat.Empty(schema[c].Type);
        return new ColumnBatch(schema, columns, 0);
    }

    private static ColumnVector Retype(ColumnVector v, ColumnType type) => v.Type == type ? v : throw new InvalidOperationException($"join output column is {v.Type}, schema says {type}");
}
