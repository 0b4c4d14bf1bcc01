namespace Kindling.Vectors;

/// <summary>
/// A horizontal slice of a table: one vector per schema field, all of <see cref="RowCount"/> rows.
/// The unit that flows between operators (Arrow's record batch).
/// </summary>
internal sealed class ColumnBatch
{
    /// <summary>The number of rows operators aim for in a batch.</summary>
    public const int DefaultRowCount = 64 * 1024;

    private readonly ColumnVector[] _columns;

    public ColumnBatch(Schema schema, IReadOnlyList<ColumnVector> columns, int rowCount)
    {
        if (columns.Count != schema.Count)
            throw new ArgumentException($"batch has {columns.Count} columns but its schema has {schema.Count}");
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length != rowCount)
                throw new ArgumentException($"column '{schema[i].Name}' has {columns[i].Length} rows, expected {rowCount}");
            if (columns[i].Type != schema[i].Type)
                throw new ArgumentException($"column '{schema[i].Name}' is {columns[i].Type}, schema says {schema[i].Type}");
        }
        Schema = schema;
        _columns = [.. columns];
        RowCount = rowCount;
    }

    public Schema Schema { get; }

    public int RowCount { get; }

    public int ColumnCount => _columns.Length;

    public IReadOnlyList<ColumnVector> Columns => _columns;

    public ColumnVector this[int index] => _columns[index];

    public ColumnVector this[string name] => _columns[Schema.IndexOfOrThrow(name)];
}
