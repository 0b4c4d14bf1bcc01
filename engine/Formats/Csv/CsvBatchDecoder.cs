using System.Runtime.CompilerServices;
using System.Text;
using Kindling.Formats.Values;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Formats.Csv;

/// <summary>
/// Converts tokenized rows into column vectors, one column at a time (a tight typed loop per column),
/// straight from the UTF-8 bytes: no per-row strings, and unquoting only for fields that start with a
/// quote. Records that have the wrong number of fields or a value that does not parse are malformed;
/// the mode decides what happens to them. One decoder per thread (it owns a scratch buffer).
/// </summary>
internal sealed class CsvBatchDecoder
{
    private readonly CsvReadOptions _options;
    private readonly OutputColumn[] _outputs;
    private readonly string[] _tokenNames;
    private readonly byte _quote, _escape;
    private readonly bool _plain;
    private byte[] _scratch = new byte[256];
    private bool[] _malformed = [];

    private readonly record struct OutputColumn(int TokenIndex, Field Field);

    public CsvBatchDecoder(CsvReadOptions options, Schema dataSchema, IReadOnlyList<int>? requiredColumns)
    {
        _options = options;
        _quote = options.Quote;
        _escape = options.Escape;
        _plain = !options.IgnoreLeadingWhiteSpace && !options.IgnoreTrailingWhiteSpace && options.NullValue.Length == 0 && options.Quote != 0;
        int corrupt = CorruptColumnIndex(dataSchema, options);
        var tokenNames = new List<string>();
        var tokenIndexOf = new int[dataSchema.Count];
        for (int i = 0; i < dataSchema.Count; i++)
        {
            if (i == corrupt) { tokenIndexOf[i] = -1; continue; }
            tokenIndexOf[i] = tokenNames.Count;
            tokenNames.Add(dataSchema[i].Name);
            if (dataSchema[i].Type.Kind is TypeKind.Binary or TypeKind.Null)
                CsvThrow.UnsupportedType(dataSchema[i].Name, dataSchema[i].Type.ToString());
        }
        _tokenNames = [.. tokenNames];
        IReadOnlyList<int> required = requiredColumns ?? Enumerable.Range(0, dataSchema.Count).ToArray();
        _outputs = new OutputColumn[required.Count];
        var fields = new Field[required.Count];
        for (int i = 0; i < required.Count; i++)
        {
            int c = required[i];
            if (c < 0 || c >= dataSchema.Count)
                throw new ArgumentOutOfRangeException(nameof(requiredColumns), c, $"required column index must be in 0..{dataSchema.Count - 1}");
            _outputs[i] = new OutputColumn(tokenIndexOf[c], dataSchema[c]);
            fields[i] = dataSchema[c];
        }
        OutputSchema = new Schema(fields);
    }

    /// <summary>The number of CSV fields a well-formed record has (the schema minus the corrupt-record column).</summary>
    public int TokenColumnCount => _tokenNames.Length;

    public IReadOnlyList<string> TokenNames => _tokenNames;

    public Schema OutputSchema { get; }

    /// <summary>The index of the corrupt-record column in the schema, or -1; validates its type.</summary>
    public static int CorruptColumnIndex(Schema schema, CsvReadOptions options)
    {
        int i = schema.IndexOf(options.CorruptRecordColumn);
        if (i >= 0 && schema[i].Type.Kind != TypeKind.String)
            CsvThrow.CorruptColumnNotString(schema[i].Name, schema[i].Type.ToString());
        return i;
    }

    /// <summary>
    /// Decodes the rows; malformed records are reported to <paramref name="errors"/> (line relative to the
    /// tokenizer's start, 0-based) in row order. In DROPMALFORMED mode they are removed from the batch;
    /// in FAILFAST the caller throws on the first error.
    /// </summary>
    public ColumnBatch Decode(ReadOnlySpan<byte> data, CsvRowBuffer rows, string file, List<RecordError> errors)
    {
        int n = rows.RowCount;
        if (_malformed.Length < n) _malformed = new bool[Math.Max(n, 1024)];
        var malformed = _malformed.AsSpan(0, n);
        malformed.Clear();
        int errorStart = errors.Count;
        var pending = new List<(int Row, int Token, string Reason)>();

        int expected = TokenColumnCount;
        for (int r = 0; r < n; r++)
        {
            if (rows.RowUnterminatedQuote[r])
                pending.Add((r, -1, "a quoted field is not closed before the end of the line (set multiLine=true if quoted fields may span lines)"));
            else if (rows.RowFieldCounts[r] != expected && !(expected == 0 && rows.RowFieldCounts[r] == 1))
                pending.Add((r, -1, $"expected {expected} fields but found {rows.RowFieldCounts[r]}"));
        }

        var columns = new ColumnVector[_outputs.Length];
        int corruptSlot = -1;
        for (int i = 0; i < _outputs.Length; i++)
        {
            var o = _outputs[i];
            if (o.TokenIndex < 0) { corruptSlot = i; continue; }
            columns[i] = DecodeColumn(data, rows, o.TokenIndex, o.Field.Type, pending);
        }

        if (pending.Count > 0)
        {
            pending.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Token.CompareTo(b.Token));
            int lastRow = -1;
            foreach (var (row, token, reason) in pending)
            {
                if (row == lastRow) continue; // one error per record: the first column that failed
                lastRow = row;
                malformed[row] = true;
                string raw = Encoding.UTF8.GetString(data[rows.RowStarts[row]..rows.RowEnds[row]]);
                errors.Add(new RecordError(file, rows.RowLines[row], token < 0 ? null : _tokenNames[token], raw, reason));
            }
        }
        int malformedCount = errors.Count - errorStart;

        if (corruptSlot >= 0)
            columns[corruptSlot] = BuildCorruptColumn(data, rows, malformed, malformedCount);

        if (malformedCount > 0 && _options.Mode == ParseMode.DropMalformed)
        {
            var keep = new int[n - malformedCount];
            int k = 0;
            for (int r = 0; r < n; r++)
                if (!malformed[r]) keep[k++] = r;
            for (int i = 0; i < columns.Length; i++)
                columns[i] = VectorTake.Take(columns[i], keep);
            return new ColumnBatch(OutputSchema, columns, keep.Length);
        }
        return new ColumnBatch(OutputSchema, columns, n);
    }

    private static StringVector BuildCorruptColumn(ReadOnlySpan<byte> data, CsvRowBuffer rows, ReadOnlySpan<bool> malformed, int malformedCount)
    {
        int n = rows.RowCount;
        var builder = new StringVectorBuilder(ColumnType.String, n, 64 * Math.Max(1, malformedCount));
        for (int r = 0; r < n; r++)
        {
            if (malformed[r]) builder.Append(data[rows.RowStarts[r]..rows.RowEnds[r]]);
            else builder.AppendNull();
        }
        return builder.Build();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ColumnVector DecodeColumn(ReadOnlySpan<byte> data, CsvRowBuffer rows, int token, ColumnType type, List<(int, int, string)> pending)
    {
        int n = rows.RowCount, cols = rows.ColumnCount;
        int[] starts = rows.FieldStarts, ends = rows.FieldEnds;
        switch (type.Kind)
        {
            case TypeKind.String: return DecodeString(data, rows, token, type);
            case TypeKind.Boolean:
            {
                var values = GC.AllocateUninitializedArray<byte>(n);
                byte[]? bits = null;
                int nulls = 0;
                for (int r = 0, cell = token; r < n; r++, cell += cols)
                {
                    if (!TryGetValue(data, starts[cell], ends[cell], out var v)) { SetNull(ref bits, ref nulls, r, n); continue; }
                    if (Utf8ValueParser.TryParseBoolean(v, out bool b)) values[r] = b ? (byte)1 : (byte)0;
                    else Fail(ref bits, ref nulls, r, n, token, v, type, pending);
                }
                return new PrimitiveVector<byte>(type, values, n, bits, nulls);
            }
            case TypeKind.Int32:
            {
                var values = GC.AllocateUninitializedArray<int>(n);
                byte[]? bits = null;
                int nulls = 0;
                for (int r = 0, cell = token; r < n; r++, cell += cols)
                {
                    if (!TryGetValue(data, starts[cell], ends[cell], out var v)) { SetNull(ref bits, ref nulls, r, n); continue; }
                    if (!Utf8ValueParser.TryParseInt32(v, out values[r])) Fail(ref bits, ref nulls, r, n, token, v, type, pending);
                }
                return new PrimitiveVector<int>(type, values, n, bits, nulls);
            }
            case TypeKind.Int64:
            {
                var values = GC.AllocateUninitializedArray<long>(n);
                byte[]? bits = null;
                int nulls = 0;
                for (int r = 0, cell = token; r < n; r++, cell += cols)
                {
                    if (!TryGetValue(data, starts[cell], ends[cell], out var v)) { SetNull(ref bits, ref nulls, r, n); continue; }
                    if (!Utf8ValueParser.TryParseInt64(v, out values[r])) Fail(ref bits, ref nulls, r, n, token, v, type, pending);
                }
                return new PrimitiveVector<long>(type, values, n, bits, nulls);
            }
            case TypeKind.Float32:
            {
                var values = GC.AllocateUninitializedArray<float>(n);
                byte[]? bits = null;
                int nulls = 0;
                for (int r = 0, cell = token; r < n; r++, cell += cols)
                {
                    if (!TryGetValue(data, starts[cell], ends[cell], out var v)) { SetNull(ref bits, ref nulls, r, n); continue; }
                    if (TryParseDouble(v, out double d)) values[r] = Utf8ValueParser.TryParseFloat(v, out float f) ? f : (float)d;
                    else Fail(ref bits, ref nulls, r, n, token, v, type, pending);
                }
                return new PrimitiveVector<float>(type, values, n, bits, nulls);
            }
            case TypeKind.Float64:
            {
                var values = GC.AllocateUninitializedArray<double>(n);
                byte[]? bits = null;
                int nulls = 0;
                for (int r = 0, cell = token; r < n; r++, cell += cols)
                {
                    if (!TryGetValue(data, starts[cell], ends[cell], out var v)) { SetNull(ref bits, ref nulls, r, n); continue; }
                    if (!TryParseDouble(v, out values[r])) Fail(ref bits, ref nulls, r, n, token, v, type, pending);
                }
                return new PrimitiveVector<double>(type, values, n, bits, nulls);
            }
            case TypeKind.Decimal when !type.IsWideDecimal:
            {
                var values = GC.AllocateUninitializedArray<long>(n);
                byte[]? bits = null;
                int nulls = 0;
                for (int r = 0, cell = token; r < n; r++, cell += cols)
                {
                    if (!TryGetValue(data, starts[cell], ends[cell], out var v)) { SetNull(ref bits, ref nulls, r, n); continue; }
                    if (!Utf8ValueParser.TryParseDecimal64(v, type.Precision, type.Scale, out values[r])) Fail(ref bits, ref nulls, r, n, token, v, type, pending);
                }
                return new PrimitiveVector<long>(type, values, n, bits, nulls);
            }
            case TypeKind.Decimal:
            {
                var values = GC.AllocateUninitializedArray<Int128>(n);
                byte[]? bits = null;
                int nulls = 0;
                for (int r = 0, cell = token; r < n; r++, cell += cols)
                {
                    if (!TryGetValue(data, starts[cell], ends[cell], out var v)) { SetNull(ref bits, ref nulls, r, n); continue; }
                    if (!Utf8ValueParser.TryParseDecimal(v, type.Precision, type.Scale, out values[r])) Fail(ref bits, ref nulls, r, n, token, v, type, pending);
                }
                return new PrimitiveVector<Int128>(type, values, n, bits, nulls);
            }
            case TypeKind.Date:
            {
                var values = GC.AllocateUninitializedArray<int>(n);
                byte[]? bits = null;
                int nulls = 0;
                var pattern = _options.DateFormat;
                for (int r = 0, cell = token; r < n; r++, cell += cols)
                {
                    if (!TryGetValue(data, starts[cell], ends[cell], out var v)) { SetNull(ref bits, ref nulls, r, n); continue; }
                    if (!pattern.TryParseDate(v, out values[r])) Fail(ref bits, ref nulls, r, n, token, v, type, pending);
                }
                return new PrimitiveVector<int>(type, values, n, bits, nulls);
            }
            case TypeKind.Timestamp:
            {
                var values = GC.AllocateUninitializedArray<long>(n);
                byte[]? bits = null;
                int nulls = 0;
                var pattern = _options.TimestampFormat;
                for (int r = 0, cell = token; r < n; r++, cell += cols)
                {
                    if (!TryGetValue(data, starts[cell], ends[cell], out var v)) { SetNull(ref bits, ref nulls, r, n); continue; }
                    if (!pattern.TryParseTimestamp(v, out values[r])) Fail(ref bits, ref nulls, r, n, token, v, type, pending);
                }
                return new PrimitiveVector<long>(type, values, n, bits, nulls);
            }
            case TypeKind.Array:
                CsvThrow.UnsupportedNestedType(_tokenNames[token], type.ToString());
                return null;
            default:
                CsvThrow.UnsupportedType(_tokenNames[token], type.ToString());
                return null;
        }
    }

    private bool TryParseDouble(ReadOnlySpan<byte> v, out double value)
    {
        if (Utf8ValueParser.TryParseDouble(v, out value)) return true;
        if (v.SequenceEqual(_options.NanValue)) { value = double.NaN; return true; }
        if (v.SequenceEqual(_options.PositiveInf)) { value = double.PositiveInfinity; return true; }
        if (v.SequenceEqual(_options.NegativeInf)) { value = double.NegativeInfinity; return true; }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private StringVector DecodeString(ReadOnlySpan<byte> data, CsvRowBuffer rows, int token, ColumnType type)
    {
        int n = rows.RowCount, cols = rows.ColumnCount;
        int[] starts = rows.FieldStarts, ends = rows.FieldEnds;
        long total = 0;
        int extra = Math.Max(_options.EmptyValue.Length, 0);
        for (int r = 0, cell = token; r < n; r++, cell += cols)
        {
            int s = rows.FieldStarts[cell];
            if (s >= 0) total += rows.FieldEnds[cell] - s + extra;
        }
        if (total > Array.MaxLength)
            throw new InvalidOperationException("a CSV batch's string column exceeds 2 GB; lower the batch size");
        var offsets = GC.AllocateUninitializedArray<int>(n + 1);
        offsets[0] = 0;
        var bytes = GC.AllocateUninitializedArray<byte>((int)Math.Max(total, 1));
        byte[]? bits = null;
        int nulls = 0, position = 0;
        for (int r = 0, cell = token; r < n; r++, cell += cols)
        {
            if (TryGetValue(data, starts[cell], ends[cell], out var v))
            {
                v.CopyTo(bytes.AsSpan(position));
                position += v.Length;
            }
            else SetNull(ref bits, ref nulls, r, n);
            offsets[r + 1] = position;
        }
        return new StringVector(type, offsets, bytes, n, bits, nulls);
    }

    /// <summary>The field's value after trimming, unquoting and the nullValue/emptyValue rules; false for null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetValue(ReadOnlySpan<byte> data, int start, int end, out ReadOnlySpan<byte> value)
    {
        // Fast path for the common options: an unquoted field with nothing to trim and nullValue "".
        if (_plain && start >= 0)
        {
            value = data[start..end];
            if (value.Length == 0) return false;
            if (value[0] != _quote) return true;
        }
        return TryGetValueSlow(data, start, end, out value);
    }

    private bool TryGetValueSlow(ReadOnlySpan<byte> data, int start, int end, out ReadOnlySpan<byte> value)
    {
        if (start < 0)
        {
            value = default;
            return false;
        }
        ReadOnlySpan<byte> f = data[start..end];
        if (_options.IgnoreLeadingWhiteSpace) f = f.TrimStart(" \t"u8);
        if (_options.IgnoreTrailingWhiteSpace) f = f.TrimEnd(" \t"u8);
        if (f.Length > 0 && f[0] == _quote && _quote != 0)
        {
            f = Unquote(f);
            if (f.Length == 0) f = _options.EmptyValue;
        }
        byte[] nullValue = _options.NullValue;
        if (f.Length == nullValue.Length && (nullValue.Length == 0 || f.SequenceEqual(nullValue)))
        {
            value = default;
            return false;
        }
        value = f;
        return true;
    }

    private ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> f)
    {
        ReadOnlySpan<byte> inner = f[1..];
        int k = _escape != 0 && _escape != _quote ? inner.IndexOfAny(_quote, _escape) : inner.IndexOf(_quote);
        if (k == inner.Length - 1 && inner[k] == _quote) return inner[..k]; // "plain": no inner quotes or escapes
        if (k < 0) return inner; // unterminated (already reported as malformed)
        if (_scratch.Length < f.Length) _scratch = new byte[Math.Max(f.Length, _scratch.Length * 2)];
        Span<byte> o = _scratch;
        int w = 0, i = 0;
        bool inQuotes = true;
        while (i < inner.Length)
        {
            byte c = inner[i];
            if (inQuotes)
            {
                if (c == _quote)
                {
                    if (i + 1 < inner.Length && inner[i + 1] == _quote) { o[w++] = _quote; i += 2; continue; }
                    inQuotes = false;
                    i++;
                    continue;
                }
                if (c == _escape && _escape != 0 && i + 1 < inner.Length && (inner[i + 1] == _quote || inner[i + 1] == _escape))
                {
                    o[w++] = inner[i + 1];
                    i += 2;
                    continue;
                }
            }
            o[w++] = c;
            i++;
        }
        return _scratch.AsSpan(0, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetNull(ref byte[]? bits, ref int nulls, int row, int length)
    {
        bits ??= Validity.AllValid(length);
        Validity.SetNull(bits, row);
        nulls++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fail(ref byte[]? bits, ref int nulls, int row, int length, int token, ReadOnlySpan<byte> value, ColumnType type, List<(int, int, string)> pending)
    {
        SetNull(ref bits, ref nulls, row, length);
        string hint = type.Kind switch
        {
            TypeKind.Date => $" (dateFormat is '{_options.DateFormat.Pattern}')",
            TypeKind.Timestamp => $" (timestampFormat is '{_options.TimestampFormat.Pattern}')",
            TypeKind.Decimal => $" (at most {type.Precision - type.Scale} integer digits)",
            _ => "",
        };
        pending.Add((row, token, $"cannot parse '{Encoding.UTF8.GetString(value)}' as {type}{hint} in column '{_tokenNames[token]}'"));
    }
}
