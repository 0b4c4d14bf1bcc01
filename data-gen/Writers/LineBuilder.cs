using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Kindling.DataGen.Writers;

/// <summary>
/// Formats one CSV record (or log line) into a reusable UTF-8 buffer: RFC 4180 quoting only where
/// needed, invariant number formats, contract timestamps. Nothing is allocated per field.
/// </summary>
internal sealed class LineBuilder
{
    private byte[] _buffer = new byte[1024];
    private int _length;
    private bool _fieldStarted;

    public ReadOnlySpan<byte> Line => _buffer.AsSpan(0, _length);

    public void Clear()
    {
        _length = 0;
        _fieldStarted = false;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        return _buffer.AsSpan(_length);
    }

    private void Separator()
    {
        if (_fieldStarted) Raw((byte)',');
        _fieldStarted = true;
    }

    public void Raw(byte b)
    {
        Reserve(1)[0] = b;
        _length++;
    }

    /// <summary>Appends text verbatim (no separator, no quoting).</summary>
    public void Raw(string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        _length += Encoding.UTF8.GetBytes(text, Reserve(max));
    }

    public void Null() => Separator();

    public void Field(string? value)
    {
        Separator();
        if (value is null) return;
        // An empty string is quoted so that it does not read back as null.
        if (value.Length > 0 && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Raw(value);
            return;
        }
        Raw((byte)'"');
        Raw(value.Replace("\"", "\"\""));
        Raw((byte)'"');
    }

    public void Field(long value)
    {
        Separator();
        Utf8Formatter.TryFormat(value, Reserve(20), out int written);
        _length += written;
    }

    public void Field(bool value) => Field(value ? "true" : "false");

    public void Field(decimal value)
    {
        Separator();
        // At most 4 decimals, no trailing zeros, '.' as separator (DATA-CONTRACT section 2).
        value.TryFormat(Reserve(32), out int written, "0.####", CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>A UTC timestamp as <c>YYYY-MM-DDTHH:MM:SSZ</c>.</summary>
    public void Field(DateTime utc)
    {
        Separator();
        utc.TryFormat(Reserve(20), out int written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Field(DateOnly? date)
    {
        Separator();
        if (date is null) return;
        date.Value.TryFormat(Reserve(10), out int written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Removes the last <paramref name="bytes"/> bytes (used to corrupt records).</summary>
    public void Truncate(int bytes) => _length = Math.Max(0, _length - bytes);

    /// <summary>Replaces the line with <paramref name="bytes"/>.</summary>
    public void Set(ReadOnlySpan<byte> bytes)
    {
        Clear();
        bytes.CopyTo(Reserve(bytes.Length));
        _length = bytes.Length;
    }
}
