using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Kindling.Formats.Values;
using Kindling.Vectors;

namespace Kindling.Formats.Csv;

/// <summary>
/// Writes batches as CSV the way Spark's writer does: values quoted only when they contain the separator,
/// the quote, the escape or a line break (or always with quoteAll), quotes escaped with the escape
/// character, null as nullValue, empty strings as <c>""</c>, decimals exactly at their scale, doubles
/// as Java prints them, dates and timestamps with dateFormat / timestampFormat, LF line ends. Output
/// goes through one pooled buffer flushed to the stream in large writes.
/// </summary>
internal sealed class CsvWriter
{
    private const int FlushThreshold = 1 << 20;
    private readonly CsvWriteOptions _options;
    private readonly Stream _output;
    private byte[] _buffer;
    private int _length;

    public CsvWriter(Stream output, CsvWriteOptions options)
    {
        _output = output;
        _options = options;
        _buffer = ArrayPool<byte>.Shared.Rent(FlushThreshold + 64 * 1024);
    }

    public static void Write(Stream output, Schema schema, IEnumerable<ColumnBatch> batches, CsvWriteOptions options)
    {
        var writer = new CsvWriter(output, options);
        try
        {
            if (options.Header) writer.WriteHeader(schema);
            foreach (var batch in batches) writer.WriteBatch(batch);
            writer.Flush();
        }
        finally
        {
            writer.Release();
        }
    }

    private void Release()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    public void WriteHeader(Schema schema)
    {
        for (int i = 0; i < schema.Count; i++)
        {
            if (i > 0) Put(_options.Separator);
            WriteText(Encoding.UTF8.GetBytes(schema[i].Name));
        }
        PutLineEnd();
    }

    /// <summary>
    /// Formats the batch column by column (a tight typed loop per column into that column's reusable text
    /// buffer, Sep-style), then stitches the rows together with separators and line ends.
    /// </summary>
    public void WriteBatch(ColumnBatch batch)
    {
        int n = batch.RowCount, columns = batch.ColumnCount;
        if (n == 0) return;
        if (_columnTexts.Length < columns)
        {
            Array.Resize(ref _columnTexts, columns);
            for (int c = 0; c < columns; c++) _columnTexts[c] ??= new ColumnText();
        }
        for (int c = 0; c < columns; c++) FormatColumn(batch[c], n, _columnTexts[c]);
        byte sep = _options.Separator;
        ReadOnlySpan<byte> lineEnd = _options.LineSeparator;
        for (int r = 0; r < n; r++)
        {
            int length = columns - 1 + lineEnd.Length;
            for (int c = 0; c < columns; c++) length += _columnTexts[c].Ends[r + 1] - _columnTexts[c].Ends[r];
            Ensure(length);
            Span<byte> destination = _buffer.AsSpan(_length, length);
            int w = 0;
            for (int c = 0; c < columns; c++)
            {
                if (c > 0) destination[w++] = sep;
                var text = _columnTexts[c];
                int start = text.Ends[r], fieldLength = text.Ends[r + 1] - start;
                text.Bytes.AsSpan(start, fieldLength).CopyTo(destination[w..]);
                w += fieldLength;
            }
            lineEnd.CopyTo(destination[w..]);
            _length += length;
            if (_length >= FlushThreshold) Flush();
        }
    }

    /// <summary>One column's formatted fields: field r is <c>Bytes[Ends[r]..Ends[r + 1]]</c>. Reused across batches.</summary>
    private sealed class ColumnText
    {
        public int[] Ends = new int[1];
        public byte[] Bytes = new byte[1024];
        public int Length;

        public void Reset(int rows)
        {
            if (Ends.Length < rows + 1) Ends = new int[rows + 1];
            Ends[0] = 0;
            Length = 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Span<byte> Reserve(int bytes)
        {
            if (Length + bytes > Bytes.Length) Array.Resize(ref Bytes, Math.Max(Length + bytes, Bytes.Length * 2));
            return Bytes.AsSpan(Length);
        }
    }

    private ColumnText[] _columnTexts = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FormatColumn(ColumnVector vector, int n, ColumnText text)
    {
        text.Reset(n);
        if (vector is DictionaryVector dictionary)
        {
            var values = new ColumnText();
            FormatColumn(dictionary.Dictionary, dictionary.Dictionary.Length, values);
            for (int r = 0; r < n; r++)
            {
                ReadOnlySpan<byte> field = dictionary.IsNull(r)
                    ? _options.NullValue
                    : values.Bytes.AsSpan(values.Ends[dictionary.Indices[r]], values.Ends[dictionary.Indices[r] + 1] - values.Ends[dictionary.Indices[r]]);
                field.CopyTo(text.Reserve(field.Length));
                text.Length += field.Length;
                text.Ends[r + 1] = text.Length;
            }
            return;
        }
        var type = vector.Type;
        byte[] nullValue = _options.NullValue;
        Span<byte> scratch = stackalloc byte[96];
        for (int r = 0; r < n; r++)
        {
            if (vector.IsNull(r))
            {
                nullValue.CopyTo(text.Reserve(nullValue.Length));
                text.Length += nullValue.Length;
                text.Ends[r + 1] = text.Length;
                continue;
            }
            switch (type.Kind)
            {
                case TypeKind.String:
                    var s = ((StringVector)vector).GetBytes(r);
                    if (s.Length == 0) Append(text, _options.EmptyValue);
                    else AppendText(text, s);
                    break;
                case TypeKind.Boolean:
                    Append(text, ((PrimitiveVector<byte>)vector)[r] != 0 ? "true"u8 : "false"u8);
                    break;
                case TypeKind.Int32:
                    ((PrimitiveVector<int>)vector)[r].TryFormat(text.Reserve(11), out int i32, default, CultureInfo.InvariantCulture);
                    text.Length += i32;
                    break;
                case TypeKind.Int64:
                    ((PrimitiveVector<long>)vector)[r].TryFormat(text.Reserve(20), out int i64, default, CultureInfo.InvariantCulture);
                    text.Length += i64;
                    break;
                case TypeKind.Float32:
                    Append(text, scratch[..Encoding.UTF8.GetBytes(JavaNumberFormat.Format(((PrimitiveVector<float>)vector)[r]), scratch)]);
                    break;
                case TypeKind.Float64:
                    text.Length += JavaNumberFormat.FormatUtf8(((PrimitiveVector<double>)vector)[r], text.Reserve(32));
                    break;
                case TypeKind.Decimal:
                    text.Length += type.IsWideDecimal
                        ? DecimalText.Format(((PrimitiveVector<Int128>)vector)[r], type.Scale, text.Reserve(48))
                        : DecimalText.Format(((PrimitiveVector<long>)vector)[r], type.Scale, text.Reserve(24));
                    break;
                case TypeKind.Date:
                    AppendText(text, scratch[.._options.DateFormat.FormatDate(((PrimitiveVector<int>)vector)[r], scratch)]);
                    break;
                case TypeKind.Timestamp:
                    AppendText(text, scratch[.._options.TimestampFormat.FormatTimestamp(((PrimitiveVector<long>)vector)[r], scratch)]);
                    break;
                default:
                    CsvThrow.UnsupportedType("?", type.ToString());
                    break;
            }
            text.Ends[r + 1] = text.Length;
        }
    }

    private static void Append(ColumnText text, ReadOnlySpan<byte> s)
    {
        s.CopyTo(text.Reserve(s.Length));
        text.Length += s.Length;
    }

    /// <summary>Appends text, quoting and escaping it when needed.</summary>
    private void AppendText(ColumnText text, ReadOnlySpan<byte> s)
    {
        byte quote = _options.Quote, escape = _options.Escape;
        if (quote == 0 || !(_options.QuoteAll || NeedsQuotes(s)))
        {
            Append(text, s);
            return;
        }
        Span<byte> d = text.Reserve(s.Length * 2 + 2);
        int w = 0;
        d[w++] = quote;
        if (!_options.EscapeQuotes || s.IndexOf(quote) < 0)
        {
            s.CopyTo(d[w..]);
            w += s.Length;
        }
        else
        {
            foreach (byte b in s)
            {
                if (b == quote) d[w++] = escape == 0 ? quote : escape;
                d[w++] = b;
            }
        }
        d[w++] = quote;
        text.Length += w;
    }

    /// <summary>Writes text, quoting and escaping it when needed.</summary>
    private void WriteText(ReadOnlySpan<byte> s)
    {
        byte quote = _options.Quote, escape = _options.Escape;
        bool needs = _options.QuoteAll || NeedsQuotes(s);
        if (!needs || quote == 0)
        {
            WriteRaw(s);
            return;
        }
        Ensure(s.Length * 2 + 2);
        _buffer[_length++] = quote;
        if (!_options.EscapeQuotes || s.IndexOf(quote) < 0)
        {
            s.CopyTo(_buffer.AsSpan(_length));
            _length += s.Length;
        }
        else
        {
            foreach (byte b in s)
            {
                if (b == quote) _buffer[_length++] = escape == 0 ? quote : escape;
                _buffer[_length++] = b;
            }
        }
        _buffer[_length++] = quote;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool NeedsQuotes(ReadOnlySpan<byte> s)
    {
        if (s.IndexOfAny(_options.Separator, _options.Quote, (byte)'\n') >= 0 || s.IndexOf((byte)'\r') >= 0) return true;
        // Leading or trailing whitespace would be lost by readers that trim (Spark's writer quotes it).
        return s.Length > 0 && (s[0] is (byte)' ' or (byte)'\t' || s[^1] is (byte)' ' or (byte)'\t');
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteRaw(ReadOnlySpan<byte> s)
    {
        Ensure(s.Length);
        s.CopyTo(_buffer.AsSpan(_length));
        _length += s.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void PutLineEnd() => WriteRaw(_options.LineSeparator);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int bytes)
    {
        if (_length + bytes > _buffer.Length) Grow(bytes);
    }

    private void Grow(int bytes)
    {
        Flush();
        if (bytes > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
    }

    public void Flush()
    {
        if (_length > 0) _output.Write(_buffer, 0, _length);
        _length = 0;
    }
}
