using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kindling.Execution;
using Kindling.Formats.IO;
using Kindling.Formats.Values;
using Kindling.Vectors;

namespace Kindling.Formats.Json;

/// <summary>
/// Spark's json data source for JSON Lines (one object per line; multiLine=true reads a file holding one
/// object or an array of objects). Reading: one <see cref="Utf8JsonReader"/> per line, values converted
/// straight into column builders; chunks of lines are parsed in parallel. Schema inference: the union of
/// all fields, sorted by name as in Spark, typed bigint / double / boolean / string, arrays as arrays of
/// those (nested objects, and arrays inside arrays, become strings holding their raw JSON). Writing: one
/// object per line, nulls omitted,
/// timestamps in ISO 8601 (yyyy-MM-dd'T'HH:mm:ss.SSSXXX).
/// </summary>
internal sealed class JsonFileFormat : IFileFormat
{
    public string Name => "json";

    public string FileExtension(FormatOptions options) => ".json";

    public Schema InferSchema(IReadOnlyList<string> files, FormatOptions options)
    {
        var types = new SortedDictionary<string, ColumnType>(StringComparer.Ordinal);
        bool anyCorrupt = false;
        foreach (string file in files)
        {
            foreach (var record in Records(File.ReadAllBytes(file), options.GetBool("multiLine", false)))
            {
                if (!InferRecord(record.Bytes, types)) anyCorrupt = true;
            }
        }
        // Spark merges the corrupt-record field into the name-sorted fields (JsonInferSchema.withCorruptField), not after them.
        if (anyCorrupt && ParseModes.From(options) == ParseMode.Permissive)
            types.TryAdd(ParseModes.CorruptRecordColumn(options), ColumnType.String);
        var fields = types.Select(kv => new Field(kv.Key, Resolve(kv.Value))).ToList();
        return new Schema(fields);
    }

    private static bool InferRecord(ReadOnlySpan<byte> line, SortedDictionary<string, ColumnType> types)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                ColumnType t = InferValue(ref reader, topLevel: true);
                types[name] = types.TryGetValue(name, out var prev) ? Merge(prev, t) : t;
            }
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The type of the value at the reader (which it then leaves on the value's last token): bigint, double, boolean,
    /// string, null; a field's array is an array of its elements' merged type, while objects and arrays inside
    /// arrays stay strings holding their raw JSON.
    /// </summary>
    private static ColumnType InferValue(ref Utf8JsonReader reader, bool topLevel)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number: return reader.TryGetInt64(out _) ? ColumnType.Int64 : ColumnType.Float64;
            case JsonTokenType.True or JsonTokenType.False: return ColumnType.Boolean;
            case JsonTokenType.Null: return ColumnType.Null;
            case JsonTokenType.StartArray when topLevel:
                ColumnType element = ColumnType.Null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    element = Merge(element, InferValue(ref reader, topLevel: false));
                return ColumnType.Array(element);
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return ColumnType.String;
            default: return ColumnType.String;
        }
    }

    private static ColumnType Merge(ColumnType a, ColumnType b)
    {
        if (a == b || b.Kind == TypeKind.Null) return a;
        if (a.Kind == TypeKind.Null) return b;
        if (a.Kind is TypeKind.Int64 or TypeKind.Float64 && b.Kind is TypeKind.Int64 or TypeKind.Float64) return ColumnType.Float64;
        if (a.Kind == TypeKind.Array && b.Kind == TypeKind.Array) return ColumnType.Array(Merge(a.Element!, b.Element!));
        return ColumnType.String;
    }

    /// <summary>Fields that were only ever null (or arrays only ever empty or of nulls) are strings, as in Spark.</summary>
    private static ColumnType Resolve(ColumnType t) => t.Kind switch
    {
        TypeKind.Null => ColumnType.String,
        TypeKind.Array => ColumnType.Array(Resolve(t.Element!)),
        _ => t,
    };

    private readonly record struct Record(byte[] Owner, int Start, int Length, long Line)
    {
        public ReadOnlySpan<byte> Bytes => Owner.AsSpan(Start, Length);
    }

    /// <summary>Non-blank lines (or, with multiLine, the objects of a whole-file document) with their 0-based line numbers.</summary>
    private static IEnumerable<Record> Records(byte[] data, bool multiLine)
    {
        if (multiLine)
        {
            int start = 0, depth = 0;
            long line = 0, recordLine = 0;
            bool inString = false, escaped = false, array = false;
            int first = Array.FindIndex(data, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));
            if (first < 0) yield break;
            array = data[first] == (byte)'[';
            if (!array)
            {
                yield return new Record(data, 0, data.Length, 0);
                yield break;
            }
            for (int i = first + 1; i < data.Length; i++)
            {
                byte c = data[i];
                if (c == '\n') line++;
                if (inString)
                {
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == '"') inString = false;
                    continue;
                }
                if (c == '"') inString = true;
                else if (c is (byte)'{' or (byte)'[')
                {
                    if (depth == 0) { start = i; recordLine = line; }
                    depth++;
                }
                else if (c is (byte)'}' or (byte)']')
                {
                    if (depth == 0) yield break;
                    depth--;
                    if (depth == 0) yield return new Record(data, start, i - start + 1, recordLine);
                }
            }
            yield break;
        }
        int pos = 0;
        long n = 0;
        while (pos < data.Length)
        {
            int nl = data.AsSpan(pos).IndexOf((byte)'\n');
            int end = nl < 0 ? data.Length : pos + nl;
            int lineEnd = end > pos && data[end - 1] == '\r' ? end - 1 : end;
            if (!data.AsSpan(pos, lineEnd - pos).Trim(" \t"u8).IsEmpty)
                yield return new Record(data, pos, lineEnd - pos, n);
            n++;
            pos = end + 1;
        }
    }

    public IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, FormatOptions options, QueryContext context)
    {
        var settings = new JsonRecordDecoder.Settings(
            ParseModes.From(options), ParseModes.CorruptRecordColumn(options),
            TemporalPattern.ForDate(options.Get("dateFormat")), TemporalPattern.ForTimestamp(options.Get("timestampFormat")));
        int batchSize = Math.Max(1, context.BatchSize);
        if (options.GetBool("multiLine", false))
        {
            byte[] all = File.ReadAllBytes(file);
            return Emit(file, [DecodeRecords(file, Records(all, true), dataSchema, requiredColumns, settings, batchSize)], settings, options.RecordErrorSink);
        }
        long length = new FileInfo(file).Length;
        var chunks = OrderedParallel.Map(LineChunker.Read(file, 0, LineChunker.ChooseChunkSize(length, context.DegreeOfParallelism)),
            chunk =>
            {
                using (chunk)
                {
                    byte[] copy = chunk.Data.ToArray();
                    return DecodeRecords(file, Records(copy, false), dataSchema, requiredColumns, settings, batchSize) with { Lines = CountLines(copy) };
                }
            },
            context.DegreeOfParallelism + 1, context.Cancellation);
        return Emit(file, chunks, settings, options.RecordErrorSink);
    }

    private static long CountLines(byte[] data) => data.AsSpan().Count((byte)'\n') + (data.Length > 0 && data[^1] != '\n' ? 1 : 0);

    private sealed record DecodedChunk(List<ColumnBatch> Batches, List<List<RecordError>> Errors, long Lines);

    private static DecodedChunk DecodeRecords(string file, IEnumerable<Record> records, Schema schema, IReadOnlyList<int>? required, JsonRecordDecoder.Settings settings, int batchSize)
    {
        var decoder = new JsonRecordDecoder(schema, required, settings);
        var batches = new List<ColumnBatch>();
        var errors = new List<List<RecordError>>();
        var current = new List<RecordError>();
        foreach (var record in records)
        {
            decoder.Add(record.Bytes, file, record.Line, current);
            if (current.Count > 0 && settings.Mode == ParseMode.FailFast) break;
            if (decoder.RowCount == batchSize)
            {
                batches.Add(decoder.Build());
                errors.Add(current);
                current = [];
            }
        }
        if (decoder.RowCount > 0 || current.Count > 0)
        {
            batches.Add(decoder.Build());
            errors.Add(current);
        }
        return new DecodedChunk(batches, errors, 0);
    }

    private static IEnumerable<ColumnBatch> Emit(string file, IEnumerable<DecodedChunk> chunks, JsonRecordDecoder.Settings settings, Action<RecordError>? sink)
    {
        long lineBase = 0;
        foreach (var chunk in chunks)
        {
            for (int i = 0; i < chunk.Batches.Count; i++)
            {
                foreach (var e in chunk.Errors[i])
                {
                    var error = e with { Line = lineBase + e.Line + 1 };
                    sink?.Invoke(error);
                    if (settings.Mode == ParseMode.FailFast) JsonThrow.MalformedRecord(file, error.Line, error.Column, error.RawText, error.Reason);
                }
                if (chunk.Batches[i].RowCount > 0 || chunk.Batches[i].ColumnCount == 0) yield return chunk.Batches[i];
            }
            lineBase += chunk.Lines;
        }
    }

    public void Write(Stream output, Schema schema, IEnumerable<ColumnBatch> batches, FormatOptions options)
    {
        var date = TemporalPattern.ForDate(options.Get("dateFormat"));
        var timestamp = TemporalPattern.ForTimestamp(options.Get("timestampFormat") ?? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        bool ignoreNulls = options.GetBool("ignoreNullFields", true);
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        using var json = new Utf8JsonWriter(buffer, writerOptions);
        var names = schema.Fields.Select(f => JsonEncodedText.Encode(f.Name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        Span<byte> scratch = stackalloc byte[96];
        foreach (var batch in batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                json.WriteStartObject();
                for (int c = 0; c < batch.ColumnCount; c++)
                {
                    if (batch[c].IsNull(r))
                    {
                        if (!ignoreNulls) json.WriteNull(names[c]);
                        continue;
                    }
                    json.WritePropertyName(names[c]);
                    WriteValue(json, batch[c], r, date, timestamp, scratch, schema[c].Name);
                }
                json.WriteEndObject();
                json.Flush();
                json.Reset();
                buffer.Write("\n"u8);
                if (buffer.WrittenCount >= 1 << 20)
                {
                    output.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }
        }
        output.Write(buffer.WrittenSpan);
    }

    /// <summary>Writes the non-null value at <paramref name="row"/>; arrays become JSON arrays with null elements kept.</summary>
    private static void WriteValue(Utf8JsonWriter json, ColumnVector v, int row, TemporalPattern date, TemporalPattern timestamp, Span<byte> scratch, string column)
    {
        if (v is DictionaryVector d) { row = d.Indices[row]; v = d.Dictionary; }
        var type = v.Type;
        switch (type.Kind)
        {
            case TypeKind.String: json.WriteStringValue(((StringVector)v).GetBytes(row)); break;
            case TypeKind.Boolean: json.WriteBooleanValue(((PrimitiveVector<byte>)v)[row] != 0); break;
            case TypeKind.Int32: json.WriteNumberValue(((PrimitiveVector<int>)v)[row]); break;
            case TypeKind.Int64: json.WriteNumberValue(((PrimitiveVector<long>)v)[row]); break;
            case TypeKind.Float32 or TypeKind.Float64:
                double x = type.Kind == TypeKind.Float32 ? ((PrimitiveVector<float>)v)[row] : ((PrimitiveVector<double>)v)[row];
                string text = type.Kind == TypeKind.Float32 ? JavaNumberFormat.Format((float)x) : JavaNumberFormat.Format(x);
                if (double.IsFinite(x)) json.WriteRawValue(text, skipInputValidation: true);
                else json.WriteStringValue(text);
                break;
            case TypeKind.Decimal:
                int n = type.IsWideDecimal ? DecimalText.Format(((PrimitiveVector<Int128>)v)[row], type.Scale, scratch) : DecimalText.Format(((PrimitiveVector<long>)v)[row], type.Scale, scratch);
                json.WriteRawValue(scratch[..n], skipInputValidation: true);
                break;
            case TypeKind.Date: json.WriteStringValue(scratch[..date.FormatDate(((PrimitiveVector<int>)v)[row], scratch)]); break;
            case TypeKind.Timestamp: json.WriteStringValue(scratch[..timestamp.FormatTimestamp(((PrimitiveVector<long>)v)[row], scratch)]); break;
            case TypeKind.Array:
            {
                var list = (ListVector)v;
                json.WriteStartArray();
                for (int e = list.Offsets[row]; e < list.Offsets[row + 1]; e++)
                {
                    if (list.Elements.IsNull(e)) json.WriteNullValue();
                    else WriteValue(json, list.Elements, e, date, timestamp, scratch, column);
                }
                json.WriteEndArray();
                break;
            }
            default: JsonThrow.UnsupportedType(column, type.ToString()); break;
        }
    }

    internal static string Utf8(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);
}
