using System.Globalization;
using Kindling.Sql.Types;
using Kindling.Vectors;

namespace Kindling.Sql;

/// <summary>Converts between the public row objects (Row, GenericRow) and column batches.</summary>
internal static class RowConverter
{
    public static List<ColumnBatch> ToBatches(IEnumerable<object?[]> rows, Schema schema, int batchSize = ColumnBatch.DefaultRowCount)
    {
        var batches = new List<ColumnBatch>();
        var buffer = new List<object?[]>();
        foreach (var r in rows)
        {
            if (r.Length != schema.Count)
                throw new ArgumentException($"row [{string.Join(", ", r)}] has {r.Length} values but the schema has {schema.Count} fields: {schema}");
            buffer.Add(r);
            if (buffer.Count == batchSize) { batches.Add(Build(buffer, schema)); buffer.Clear(); }
        }
        if (buffer.Count > 0 || batches.Count == 0) batches.Add(Build(buffer, schema));
        return batches;
    }

    private static ColumnBatch Build(List<object?[]> rows, Schema schema)
    {
        var columns = new ColumnVector[schema.Count];
        for (int c = 0; c < schema.Count; c++)
        {
            var field = schema[c];
            columns[c] = field.Type.Kind switch
            {
                TypeKind.Boolean => Column<byte>(rows, c, field, v => Convert.ToBoolean(v, CultureInfo.InvariantCulture) ? (byte)1 : (byte)0),
                TypeKind.Int32 => Column(rows, c, field, v => Convert.ToInt32(v, CultureInfo.InvariantCulture)),
                TypeKind.Int64 => Column(rows, c, field, v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
                TypeKind.Float32 => Column(rows, c, field, v => Convert.ToSingle(v, CultureInfo.InvariantCulture)),
                TypeKind.Float64 => Column(rows, c, field, v => Convert.ToDouble(v, CultureInfo.InvariantCulture)),
                TypeKind.Date => Column(rows, c, field, ToEpochDays),
                TypeKind.Timestamp => Column(rows, c, field, ToEpochMicros),
                TypeKind.Decimal when field.Type.IsWideDecimal => Column(rows, c, field, v => DecimalValue.ToUnscaledInt128(Convert.ToDecimal(v, CultureInfo.InvariantCulture), field.Type.Scale)),
                TypeKind.Decimal => Column(rows, c, field, v => DecimalValue.ToUnscaledInt64(Convert.ToDecimal(v, CultureInfo.InvariantCulture), field.Type.Scale)),
                TypeKind.String or TypeKind.Binary => Strings(rows, c, field),
                TypeKind.Array => Lists(rows, c, field),
                TypeKind.Null => new PrimitiveVector<byte>(ColumnType.Null, new byte[rows.Count], rows.Count, new byte[Validity.ByteLength(rows.Count)], rows.Count),
                _ => throw new NotSupportedException($"column '{field.Name}' of type {field.Type} cannot be created from rows"),
            };
        }
        return new ColumnBatch(schema, columns, rows.Count);
    }

    private static PrimitiveVector<T> Column<T>(List<object?[]> rows, int c, Field field, Func<object, T> convert) where T : unmanaged
    {
        var b = new PrimitiveVectorBuilder<T>(field.Type, rows.Count);
        foreach (var r in rows)
        {
            var v = r[c];
            if (v is null) { NullCheck(field); b.AppendNull(); continue; }
            try { b.Append(convert(v)); }
            catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
            {
                throw new ArgumentException($"value {v} ({v.GetType().Name}) does not fit column '{field.Name}' of type {field.Type}", e);
            }
        }
        return b.Build();
    }

    private static void NullCheck(Field field)
    {
        if (!field.Nullable) throw new ArgumentException($"column '{field.Name}' is not nullable but a row holds null");
    }

    private static StringVector Strings(List<object?[]> rows, int c, Field field)
    {
        var b = new StringVectorBuilder(field.Type, rows.Count);
        foreach (var r in rows)
        {
            switch (r[c])
            {
                case null: NullCheck(field); b.AppendNull(); break;
                case byte[] bytes: b.Append(bytes); break;
                case string s: b.Append(s); break;
                case var v: b.Append(Row.Format(v)); break;
            }
        }
        return b.Build();
    }

    /// <summary>Array values arrive as lists (object[], ArrayList, List&lt;T&gt;, T[]) of element values.</summary>
    private static ColumnVector Lists(List<object?[]> rows, int c, Field field)
    {
        var values = new object?[rows.Count];
        for (int r = 0; r < values.Length; r++)
        {
            var v = rows[r][c];
            if (v is null) NullCheck(field);
            else if (v is string or not System.Collections.IEnumerable)
                throw new ArgumentException($"value {v} ({v.GetType().Name}) does not fit column '{field.Name}' of type {field.Type}: give a list of values");
            values[r] = v;
        }
        try { return Kernels.Selection.VectorFromObjects.Build(field.Type, values); }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new ArgumentException($"an element does not fit column '{field.Name}' of type {field.Type}: {e.Message}", e);
        }
    }

    private static int ToEpochDays(object v) => v switch
    {
        Date d => d.EpochDays,
        DateOnly d => TemporalConstants.ToEpochDays(d),
        DateTime dt => TemporalConstants.ToEpochDays(DateOnly.FromDateTime(dt)),
        string s when Kernels.Temporal.TemporalFormat.TryParseDate(s, out int days) => days,
        _ => throw new InvalidCastException($"{v} is not a date"),
    };

    private static long ToEpochMicros(object v) => v switch
    {
        Timestamp t => t.EpochMicros,
        DateTime dt => TemporalConstants.ToEpochMicros(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt),
        DateTimeOffset o => TemporalConstants.ToEpochMicros(o.UtcDateTime),
        Date d => d.EpochDays * TemporalConstants.MicrosPerDay,
        string s when Kernels.Temporal.TemporalFormat.TryParseTimestamp(s, out long micros) => micros,
        _ => throw new InvalidCastException($"{v} is not a timestamp"),
    };

    /// <summary>
    /// The public value of row <paramref name="i"/> (int, long, double, string, decimal, Date, Timestamp, bool, byte[]);
    /// an array is an <see cref="System.Collections.ArrayList"/> of such values, as Microsoft.Spark unpickles it.
    /// </summary>
    public static object? PublicValue(ColumnVector v, int i)
    {
        if (v.IsNull(i)) return null;
        if (v is DictionaryVector d) return PublicValue(d.Dictionary, d.Indices[i]);
        if (v is ListVector list)
        {
            int start = list.Offsets[i];
            var elements = new System.Collections.ArrayList(list.CountAt(i));
            for (int e = 0; e < list.CountAt(i); e++) elements.Add(PublicValue(list.Elements, start + e));
            return elements;
        }
        return v.Type.Kind switch
        {
            TypeKind.Date => new Date(((PrimitiveVector<int>)v)[i]),
            TypeKind.Timestamp => new Timestamp(((PrimitiveVector<long>)v)[i]),
            _ => v.GetObject(i),
        };
    }

    public static IEnumerable<Row> ToRows(IEnumerable<ColumnBatch> batches, StructType schema)
    {
        foreach (var batch in batches)
            for (int r = 0; r < batch.RowCount; r++)
            {
                var values = new object[batch.ColumnCount];
                for (int c = 0; c < values.Length; c++) values[c] = PublicValue(batch[c], r)!;
                yield return new Row(values, schema);
            }
    }
}
