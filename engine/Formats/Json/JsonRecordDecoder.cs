using System.Text;
using System.Text.Json;
using Kindling.Formats.Values;
using Kindling.Vectors;

namespace Kindling.Formats.Json;

/// <summary>
/// Decodes JSON objects (one per line) into column builders. A record is first converted into per-column
/// slots and appended only when every value converted, so a malformed record never leaves a half-written
/// row: in PERMISSIVE mode it becomes a row of nulls with the raw text in the corrupt-record column.
/// Array columns take JSON arrays of values of their element type (a value that does not convert makes the
/// record malformed, as in Spark).
/// </summary>
internal sealed class JsonRecordDecoder
{
    public sealed record Settings(ParseMode Mode, string CorruptColumn, TemporalPattern Date, TemporalPattern Timestamp);

    private readonly Settings _settings;
    private readonly Field[] _fields;
    private readonly byte[][] _names;
    private readonly int _corrupt;
    private readonly Schema _outputSchema;
    private readonly object[] _builders;
    private readonly Slot[] _slots;
    private readonly bool[] _required;
    private int _rows;

    private struct Slot
    {
        public bool Set;
        public bool IsNull;
        public long Long;
        public double Double;
        public Int128 Wide;
        public byte[]? Bytes;
    }

    public JsonRecordDecoder(Schema schema, IReadOnlyList<int>? required, Settings settings)
    {
        _settings = settings;
        _fields = [.. schema.Fields];
        _names = _fields.Select(f => Encoding.UTF8.GetBytes(f.Name)).ToArray();
        _corrupt = schema.IndexOf(settings.CorruptColumn);
        if (_corrupt >= 0 && schema[_corrupt].Type.Kind != TypeKind.String)
            throw new ArgumentException($"The column of corrupt records '{settings.CorruptColumn}' must be a string column, but it is {schema[_corrupt].Type}.");
        var req = required ?? Enumerable.Range(0, schema.Count).ToArray();
        _required = new bool[schema.Count];
        foreach (int c in req) _required[c] = true;
        _outputSchema = new Schema(req.Select(c => schema[c]).ToArray());
        _outputOrder = [.. req];
        _builders = new object[schema.Count];
        for (int c = 0; c < schema.Count; c++) _builders[c] = NewBuilder(schema[c]);
        _slots = new Slot[schema.Count];
    }

    private readonly int[] _outputOrder;

    public int RowCount => _rows;

    /// <summary>An array column's builders: the rows' offsets, and the elements of the rows appended so far.</summary>
    private sealed class ArrayColumn(Field field)
    {
        public ListVectorBuilder Lists { get; private set; } = new(field.Type);
        public object Elements { get; private set; } = NewScalarBuilder(field, field.Type.Element!);
        /// <summary>The elements of the record being decoded, appended only once the whole record converted.</summary>
        public List<Slot> Pending { get; } = [];

        public ListVector Build()
        {
            var built = Lists.Build(BuildScalar(Elements));
            Lists = new ListVectorBuilder(field.Type);
            Elements = NewScalarBuilder(field, field.Type.Element!);
            return built;
        }
    }

    private static object NewBuilder(Field f) => f.Type.Kind == TypeKind.Array ? new ArrayColumn(f) : NewScalarBuilder(f, f.Type);

    private static object NewScalarBuilder(Field f, ColumnType type) => type.Kind switch
    {
        TypeKind.String => new StringVectorBuilder(type),
        TypeKind.Boolean => new PrimitiveVectorBuilder<byte>(type),
        TypeKind.Int32 or TypeKind.Date => new PrimitiveVectorBuilder<int>(type),
        TypeKind.Int64 or TypeKind.Timestamp => new PrimitiveVectorBuilder<long>(type),
        TypeKind.Decimal when !type.IsWideDecimal => new PrimitiveVectorBuilder<long>(type),
        TypeKind.Decimal => new PrimitiveVectorBuilder<Int128>(type),
        TypeKind.Float32 => new PrimitiveVectorBuilder<float>(type),
        TypeKind.Float64 => new PrimitiveVectorBuilder<double>(type),
        _ => throw new NotSupportedException($"The JSON data source cannot read column '{f.Name}' of type {f.Type}."),
    };

    /// <summary>Adds one record; a malformed one is reported to <paramref name="errors"/> (0-based line) and kept or dropped per the mode.</summary>
    public void Add(ReadOnlySpan<byte> record, string file, long line, List<RecordError> errors)
    {
        ClearSlots();
        string? failedColumn = null;
        string? reason = null;
        try
        {
            var reader = new Utf8JsonReader(record);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                reason = "a record must be a JSON object";
            else
            {
                while (reason is null && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    int c = Find(ref reader);
                    reader.Read();
                    if (c < 0 || c == _corrupt || !_required[c])
                    {
                        reader.Skip();
                        continue;
                    }
                    if (!Convert(ref reader, record, c, ref _slots[c]))
                    {
                        failedColumn = _fields[c].Name;
                        reason = $"cannot convert {reader.TokenType} to {_fields[c].Type} in field '{failedColumn}'";
                    }
                }
                if (reason is null && (reader.TokenType != JsonTokenType.EndObject || reader.Read()))
                    reason = "unexpected content after the object";
            }
        }
        catch (JsonException e)
        {
            reason = "invalid JSON: " + e.Message;
        }
        if (reason is not null)
        {
            errors.Add(new RecordError(file, line, failedColumn, Encoding.UTF8.GetString(record), reason));
            if (_settings.Mode == ParseMode.DropMalformed || _settings.Mode == ParseMode.FailFast) return;
            ClearSlots();
            if (_corrupt >= 0) _slots[_corrupt] = new Slot { Set = true, Bytes = record.ToArray() };
        }
        Append();
    }

    private void ClearSlots()
    {
        for (int c = 0; c < _slots.Length; c++)
        {
            _slots[c] = default;
            if (_builders[c] is ArrayColumn a) a.Pending.Clear();
        }
    }

    private int Find(ref Utf8JsonReader reader)
    {
        for (int c = 0; c < _names.Length; c++)
            if (reader.ValueTextEquals(_names[c])) return c;
        return -1;
    }

    private bool Convert(ref Utf8JsonReader reader, ReadOnlySpan<byte> record, int c, ref Slot slot)
    {
        if (_builders[c] is not ArrayColumn array) return Convert(ref reader, record, _fields[c].Type, ref slot);
        slot.Set = true;
        if (reader.TokenType == JsonTokenType.Null) { slot.IsNull = true; return true; }
        if (reader.TokenType != JsonTokenType.StartArray) return Skip(ref reader);
        ColumnType element = _fields[c].Type.Element!;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Slot value = default;
            if (!Convert(ref reader, record, element, ref value)) return false; // the record is malformed: reading stops here
            array.Pending.Add(value);
        }
        return true;
    }

    private bool Convert(ref Utf8JsonReader reader, ReadOnlySpan<byte> record, ColumnType type, ref Slot slot)
    {
        slot.Set = true;
        if (reader.TokenType == JsonTokenType.Null) { slot.IsNull = true; return true; }
        switch (type.Kind)
        {
            case TypeKind.String:
                switch (reader.TokenType)
                {
                    case JsonTokenType.String: slot.Bytes = Encoding.UTF8.GetBytes(reader.GetString()!); return true;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        int start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        slot.Bytes = record[start..((int)reader.TokenStartIndex + 1)].ToArray();
                        return true;
                    default: slot.Bytes = reader.ValueSpan.ToArray(); return true;
                }
            case TypeKind.Boolean:
                if (reader.TokenType is JsonTokenType.True or JsonTokenType.False) { slot.Long = reader.GetBoolean() ? 1 : 0; return true; }
                return Skip(ref reader);
            case TypeKind.Int32:
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int i)) { slot.Long = i; return true; }
                return Skip(ref reader);
            case TypeKind.Int64:
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long l)) { slot.Long = l; return true; }
                return Skip(ref reader);
            case TypeKind.Float32 or TypeKind.Float64:
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double d)) { slot.Double = d; return true; }
                if (reader.TokenType == JsonTokenType.String && Utf8ValueParser.TryParseDouble(Unescaped(ref reader), out d) && !double.IsFinite(d)) { slot.Double = d; return true; }
                return Skip(ref reader);
            case TypeKind.Decimal:
                if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String
                    && Utf8ValueParser.TryParseDecimal(Unescaped(ref reader), type.Precision, type.Scale, out slot.Wide)) return true;
                return Skip(ref reader);
            case TypeKind.Date:
                if (reader.TokenType == JsonTokenType.String && _settings.Date.TryParseDate(Unescaped(ref reader), out int days)) { slot.Long = days; return true; }
                return Skip(ref reader);
            case TypeKind.Timestamp:
                if (reader.TokenType == JsonTokenType.String && _settings.Timestamp.TryParseTimestamp(Unescaped(ref reader), out long micros)) { slot.Long = micros; return true; }
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long seconds)) { slot.Long = seconds * TemporalConstants.MicrosPerSecond; return true; }
                return Skip(ref reader);
            default:
                return Skip(ref reader);
        }
    }

    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;

    private static bool Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return false;
    }

    private void Append()
    {
        for (int c = 0; c < _slots.Length; c++)
        {
            if (!_required[c]) continue;
            ref Slot s = ref _slots[c];
            bool isNull = !s.Set || s.IsNull;
            if (_builders[c] is ArrayColumn array)
            {
                if (isNull) { array.Lists.AppendNull(); continue; }
                foreach (var element in array.Pending) AppendScalar(array.Elements, _fields[c].Type.Element!, element, element.IsNull);
                array.Lists.EndList(array.Lists.ElementCount + array.Pending.Count);
                continue;
            }
            AppendScalar(_builders[c], _fields[c].Type, s, isNull);
        }
        _rows++;
    }

    private static void AppendScalar(object builder, ColumnType type, in Slot s, bool isNull)
    {
            switch (builder)
            {
                case StringVectorBuilder b: if (isNull) b.AppendNull(); else b.Append(s.Bytes!); break;
                case PrimitiveVectorBuilder<byte> b: if (isNull) b.AppendNull(); else b.Append((byte)s.Long); break;
                case PrimitiveVectorBuilder<int> b: if (isNull) b.AppendNull(); else b.Append((int)s.Long); break;
                case PrimitiveVectorBuilder<long> b when type.Kind == TypeKind.Decimal: if (isNull) b.AppendNull(); else b.Append((long)s.Wide); break;
                case PrimitiveVectorBuilder<long> b: if (isNull) b.AppendNull(); else b.Append(s.Long); break;
                case PrimitiveVectorBuilder<Int128> b: if (isNull) b.AppendNull(); else b.Append(s.Wide); break;
                case PrimitiveVectorBuilder<float> b: if (isNull) b.AppendNull(); else b.Append((float)s.Double); break;
                case PrimitiveVectorBuilder<double> b: if (isNull) b.AppendNull(); else b.Append(s.Double); break;
            }
    }

    public ColumnBatch Build()
    {
        var columns = new ColumnVector[_outputOrder.Length];
        var built = new ColumnVector?[_builders.Length];
        for (int i = 0; i < _outputOrder.Length; i++)
        {
            int c = _outputOrder[i];
            built[c] ??= _builders[c] is ArrayColumn array ? array.Build() : BuildScalar(_builders[c]);
            columns[i] = built[c]!;
        }
        var batch = new ColumnBatch(_outputSchema, columns, _rows);
        _rows = 0;
        return batch;
    }

    /// <summary>Builds a scalar builder's vector and resets the builder for the next batch.</summary>
    private static ColumnVector BuildScalar(object builder) => builder switch
    {
        StringVectorBuilder b => Take(b.Build(), () => b.Reset()),
        PrimitiveVectorBuilder<byte> b => Take(b.Build(), () => b.Reset()),
        PrimitiveVectorBuilder<int> b => Take(b.Build(), () => b.Reset()),
        PrimitiveVectorBuilder<long> b => Take(b.Build(), () => b.Reset()),
        PrimitiveVectorBuilder<Int128> b => Take(b.Build(), () => b.Reset()),
        PrimitiveVectorBuilder<float> b => Take(b.Build(), () => b.Reset()),
        PrimitiveVectorBuilder<double> b => Take(b.Build(), () => b.Reset()),
        _ => throw new InvalidOperationException("unknown builder"),
    };

    private static ColumnVector Take(ColumnVector v, Action reset)
    {
        reset();
        return v;
    }
}
