using System.Text;
using Kindling.Kernels.Selection;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Execution.Write;

/// <summary>Splits an output schema into partition columns (folders) and data columns (stored in files), and routes a batch's rows to their partition folders.</summary>
internal sealed class WriteLayout
{
    private readonly int[] _dataColumns;

    public WriteLayout(Schema schema, IReadOnlyList<string> partitionBy)
    {
        PartitionColumns = new int[partitionBy.Count];
        for (int i = 0; i < partitionBy.Count; i++)
        {
            int c = schema.IndexOf(partitionBy[i]);
            if (c < 0) WriteThrow.PartitionColumnNotFound(partitionBy[i], schema.Fields.Select(f => f.Name));
            if (Array.IndexOf(PartitionColumns, c, 0, i) >= 0) WriteThrow.PartitionColumnRepeated(partitionBy[i]);
            if (schema[c].Type.Kind == TypeKind.Array) WriteThrow.PartitionColumnType(partitionBy[i], schema[c].Type.ToString());
            PartitionColumns[i] = c;
        }
        if (partitionBy.Count > 0 && partitionBy.Count == schema.Count)
            WriteThrow.AllColumnsPartitioned();
        _dataColumns = Enumerable.Range(0, schema.Count).Where(c => Array.IndexOf(PartitionColumns, c) < 0).ToArray();
        DataSchema = new Schema(_dataColumns.Select(c => schema[c]).ToArray());
        Schema = schema;
    }

    public Schema Schema { get; }

    public int[] PartitionColumns { get; }

    /// <summary>The columns stored in the files: every column but the partition columns.</summary>
    public Schema DataSchema { get; }

    /// <summary>Groups the rows of a batch by partition folder (in order of first appearance) and projects them to the data columns.</summary>
    public IEnumerable<(string Folder, ColumnBatch Rows)> Split(ColumnBatch batch)
    {
        if (batch.RowCount == 0) yield break;
        if (PartitionColumns.All(c => IsConstant(batch[c])))
        {
            yield return (FolderOf(batch, 0), Project(batch));
            yield break;
        }
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int r = 0; r < batch.RowCount; r++)
        {
            string folder = FolderOf(batch, r);
            if (!groups.TryGetValue(folder, out var rows))
            {
                groups[folder] = rows = [];
                order.Add(folder);
            }
            rows.Add(r);
        }
        foreach (string folder in order)
        {
            var indices = groups[folder].ToArray();
            var columns = _dataColumns.Select(c => VectorTake.Take(batch[c], indices)).ToArray();
            yield return (folder, new ColumnBatch(DataSchema, columns, indices.Length));
        }
    }

    private ColumnBatch Project(ColumnBatch batch) =>
        new(DataSchema, _dataColumns.Select(c => batch[c]).ToArray(), batch.RowCount);

    private string FolderOf(ColumnBatch batch, int row)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < PartitionColumns.Length; i++)
        {
            if (i > 0) sb.Append('/');
            int c = PartitionColumns[i];
            sb.Append(PartitionPath.Segment(Schema[c].Name, batch[c].GetObject(row)));
        }
        return sb.ToString();
    }

    private static bool IsConstant(ColumnVector v)
    {
        if (v.NullCount != 0) return v.NullCount == v.Length;
        return v switch
        {
            PrimitiveVector<byte> p => AllEqual(p.Values),
            PrimitiveVector<int> p => AllEqual(p.Values),
            PrimitiveVector<long> p => AllEqual(p.Values),
            PrimitiveVector<double> p => AllEqual(p.Values),
            PrimitiveVector<float> p => AllEqual(p.Values),
            PrimitiveVector<Int128> p => AllEqual(p.Values),
            StringVector s => AllSameString(s),
            DictionaryVector d => AllEqual(d.Indices),
            _ => false,
        };
    }

    private static bool AllEqual<T>(ReadOnlySpan<T> values) where T : unmanaged, IEquatable<T>
    {
        if (values.Length == 0) return true;
        T first = values[0];
        foreach (T v in values)
            if (!v.Equals(first)) return false;
        return true;
    }

    private static bool AllSameString(StringVector s)
    {
        var first = s.GetBytes(0);
        for (int i = 1; i < s.Length; i++)
            if (!s.GetBytes(i).SequenceEqual(first)) return false;
        return true;
    }
}
