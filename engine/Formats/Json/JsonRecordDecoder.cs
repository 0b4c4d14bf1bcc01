using System.Text;
using System.Text.Json;
using Kindling.Formats.Values;
using Kindling.Vectors;

namespace Kindling.Formats.Json;

/// <summary>
/// Decodes JSON objects (one per line) into column builders. A record is first converted into per-column
/// slots and appended only when every value converted, so a malformed record never leaves a half-written
/// row: in PERMISSIVE mode it becomes a row of nulls with the raw text in the corrupt-record column.
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

    private static object NewBuilder(Field f) => f.Type.Kind switch
    {
        TypeKind.String => new StringVectorBuilder(f.Type),
        TypeKind.Boolean => new PrimitiveVectorBuilder<byte>(f.Type),
        TypeKind.Int32 or TypeKind.Date => new PrimitiveVectorBuilder<int>(f.Type),
        TypeKind.Int64 or TypeKind.Timestamp => new PrimitiveVectorBuilder<long>(f.Type),
        TypeKind.Decimal when !f.Type.IsWideDecimal => new PrimitiveVectorBuilder<long>(f.Type),
        TypeKind.Decimal => new PrimitiveVectorBuilder<Int128>(f.Type),
        TypeKind.Float32 => new PrimitiveVectorBuilder<float>(f.Type),
        TypeKind.Float64 => new PrimitiveVectorBuilder<double>(f.Type),
        _ => throw new NotSupportedException($"The JSON data source cannot read column '{f.Name}' of type {f.Type}."),
    };

    /// <summary>Adds one record; a malformed one is reported to <paramref name="errors"/> (0-based line) and kept or dropped per the mode.</summary>
    public void Add(ReadOnlySpan<byte> record, string file, long line, List<RecordError> errors)
    {
        for (int c = 0; c < _slots.Length; c++) _slots[c] = default;
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
            for (int c = 0; c < _slots.Length; c++) _slots[c] = default;
            if (_corrupt >= 0) _slots[_corrupt] = new Slot { Set = true, Bytes = record.ToArray() };
        }
        Append();
    }

    private int Find(ref Utf8JsonReader reader)
    {
        for (int c = 0; c < _names.Length; c++)
            if (reader.ValueTextEquals(_names[c])) return c;
        return -1;
    }

    private bool Convert(ref Utf8JsonReader reader, ReadOnlySpan<byte> record, int c, ref Slot slot)
    {
        slot.Set = true;
        if (reader.TokenType == JsonTokenType.Null) { slot.IsNull = true; return true; }
        var type = _fields[c].Type;
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
            switch (_builders[c])
            {
                case StringVectorBuilder b: if (isNull) b.AppendNull(); else b.Append(s.Bytes!); break;
                case PrimitiveVectorBuilder<byte> b: if (isNull) b.AppendNull(); else b.Append((byte)s.Long); break;
                case PrimitiveVectorBuilder<int> b: if (isNull) b.AppendNull(); else b.Append((int)s.Long); break;
                case PrimitiveVectorBuilder<long> b when _fields[c].Type.Kind == TypeKind.Decimal: if (isNull) b.AppendNull(); else b.Append((long)s.Wide); break;
                case PrimitiveVectorBuilder<long> b: if (isNull) b.AppendNull(); else b.Append(s.Long); break;
                case PrimitiveVectorBuilder<Int128> b: if (isNull) b.AppendNull(); else b.Append(s.Wide); break;
                case PrimitiveVectorBuilder<float> b: if (isNull) b.AppendNull(); else b.Append((float)s.Double); break;
                case PrimitiveVectorBuilder<double> b: if (isNull) b.AppendNull(); else b.Append(s.Double); break;
            }
        }
        _rows++;
    }

    public ColumnBatch Build()
    {
        var columns = new ColumnVector[_outputOrder.Length];
        var built = new ColumnVector?[_builders.Length];
        for (int i = 0; i < _outputOrder.Length; i++)
        {
            int c = _outputOrder[i];
            built[c] ??= _builders[c] switch
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
            columns[i] = built[c]!;
        }
        var batch = new ColumnBatch(_outputSchema, columns, _rows);
        _rows = 0;
        return batch;
    }

    private static ColumnVector Take(ColumnVector v, Action reset)
    {
        reset();
        return v;
    }
}
