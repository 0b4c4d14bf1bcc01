using Kindling.Vectors;

namespace Kindling.Engine.Tests.TestSupport;

/// <summary>Turns batches into rows of CLR objects for assertions.</summary>
internal static class Rows
{
    public static List<object?[]> Of(IEnumerable<ColumnBatch> batches)
    {
        var rows = new List<object?[]>();
        foreach (var batch in batches)
            for (int r = 0; r < batch.RowCount; r++)
            {
                var row = new object?[batch.ColumnCount];
                for (int c = 0; c < batch.ColumnCount; c++) row[c] = batch[c].GetObject(r);
                rows.Add(row);
            }
        return rows;
    }

    public static ColumnBatch Batch(Schema schema, params object?[][] rows)
    {
        var columns = new ColumnVector[schema.Count];
        for (int c = 0; c < schema.Count; c++)
        {
            var type = schema[c].Type;
            int n = rows.Length;
            var bits = Validity.AllValid(n);
            int nulls = 0;
            for (int r = 0; r < n; r++) if (rows[r][c] is null) { Validity.SetNull(bits, r); nulls++; }
            switch (type.Kind)
            {
                case TypeKind.String:
                    var sb = new StringVectorBuilder();
                    foreach (var row in rows) if (row[c] is null) sb.AppendNull(); else sb.Append((string)row[c]!);
                    columns[c] = sb.Build();
                    break;
                case TypeKind.Boolean: columns[c] = new PrimitiveVector<byte>(type, rows.Select(x => x[c] is true ? (byte)1 : (byte)0).ToArray(), n, bits, nulls); break;
                case TypeKind.Int32: columns[c] = new PrimitiveVector<int>(type, rows.Select(x => x[c] is null ? 0 : Convert.ToInt32(x[c])).ToArray(), n, bits, nulls); break;
                case TypeKind.Int64: columns[c] = new PrimitiveVector<long>(type, rows.Select(x => x[c] is null ? 0 : Convert.ToInt64(x[c])).ToArray(), n, bits, nulls); break;
                case TypeKind.Float64: columns[c] = new PrimitiveVector<double>(type, rows.Select(x => x[c] is null ? 0 : Convert.ToDouble(x[c])).ToArray(), n, bits, nulls); break;
                case TypeKind.Date: columns[c] = new PrimitiveVector<int>(type, rows.Select(x => x[c] is DateOnly d ? TemporalConstants.ToEpochDays(d) : 0).ToArray(), n, bits, nulls); break;
                case TypeKind.Timestamp: columns[c] = new PrimitiveVector<long>(type, rows.Select(x => x[c] is DateTime t ? TemporalConstants.ToEpochMicros(t) : 0).ToArray(), n, bits, nulls); break;
                case TypeKind.Decimal: columns[c] = new PrimitiveVector<long>(type, rows.Select(x => x[c] is decimal m ? DecimalValue.ToUnscaledInt64(m, type.Scale) : 0).ToArray(), n, bits, nulls); break;
                default: throw new NotSupportedException(type.ToString());
            }
        }
        return new ColumnBatch(schema, columns, rows.Length);
    }
}
