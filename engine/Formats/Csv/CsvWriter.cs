using System.Buffers;
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

    public void WriteBatch(ColumnBatch batch)
    {
        int columns = batch.ColumnCount;
        Span<byte> scratch = stackalloc byte[96];
        for (int r = 0; r < batch.RowCount; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                if (c > 0) Put(_options.Separator);
                WriteValue(batch[c], r, scratch);
            }
            PutLineEnd();
            if (_length >= FlushThreshold) Flush();
        }
    }

    private void WriteValue(ColumnVector vector, int row, Span<byte> scratch)
    {
        if (vector is DictionaryVector dictionary)
        {
            if (dictionary.IsNull(row)) { WriteRaw(_options.NullValue); return; }
            WriteValue(dictionary.Dictionary, dictionary.Indices[row], scratch);
            return;
        }
        if (vector.IsNull(row))
        {
            WriteRaw(_options.NullValue);
            return;
        }
        var type = vector.Type;
        int n;
        switch (type.Kind)
        {
            case TypeKind.String:
                var s = ((StringVector)vector).GetBytes(row);
                if (s.Length == 0) WriteRaw(_options.EmptyValue);
                else WriteText(s);
                return;
            case TypeKind.Boolean:
                WriteRaw(((PrimitiveVector<byte>)vector)[row] != 0 ? "true"u8 : "false"u8);
                return;
            case TypeKind.Int32:
                ((PrimitiveVector<int>)vector)[row].TryFormat(scratch, out n, default, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case TypeKind.Int64:
                ((PrimitiveVector<long>)vector)[row].TryFormat(scratch, out n, default, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case TypeKind.Float32:
                n = Encoding.UTF8.GetBytes(JavaNumberFormat.Format(((PrimitiveVector<float>)vector)[row]), scratch);
                break;
            case TypeKind.Float64:
                n = JavaNumberFormat.FormatUtf8(((PrimitiveVector<double>)vector)[row], scratch);
                break;
            case TypeKind.Decimal:
                n = type.IsWideDecimal
                    ? DecimalText.Format(((PrimitiveVector<Int128>)vector)[row], type.Scale, scratch)
                    : DecimalText.Format(((PrimitiveVector<long>)vector)[row], type.Scale, scratch);
                break;
            case TypeKind.Date:
                n = _options.DateFormat.FormatDate(((PrimitiveVector<int>)vector)[row], scratch);
                WriteText(scratch[..n]);
                return;
            case TypeKind.Timestamp:
                n = _options.TimestampFormat.FormatTimestamp(((PrimitiveVector<long>)vector)[row], scratch);
                WriteText(scratch[..n]);
                return;
            default:
                CsvThrow.UnsupportedType("?", type.ToString());
                return;
        }
        WriteRaw(scratch[..n]);
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
