using System.Text;

namespace Kindling.Vectors;

/// <summary>Appends UTF-8 (or binary) values and nulls and builds a <see cref="StringVector"/>.</summary>
internal sealed class StringVectorBuilder
{
    private readonly ColumnType _type;
    private readonly OffsetsBuilder _rows;
    private byte[] _bytes;

    public StringVectorBuilder(ColumnType? type = null, int capacity = 1024, int byteCapacity = 16 * 1024)
    {
        _type = type ?? ColumnType.String;
        _rows = new OffsetsBuilder(capacity);
        _bytes = new byte[Math.Max(byteCapacity, 64)];
    }

    public int Length => _rows.Length;

    public int ByteLength => _rows.End;

    public void Append(ReadOnlySpan<byte> value)
    {
        int start = _rows.End;
        if (start + value.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(start + value.Length, _bytes.Length * 2));
        value.CopyTo(_bytes.AsSpan(start));
        _rows.AppendValid(start + value.Length);
    }

    public void Append(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Append(value.AsSpan());
    }

    /// <summary>Appends UTF-16 text encoded as UTF-8 (for kernels that work on decoded chars, such as regexes).</summary>
    public void Append(ReadOnlySpan<char> value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        int start = _rows.End;
        if (start + max > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(start + max, _bytes.Length * 2));
        int written = Encoding.UTF8.GetBytes(value, _bytes.AsSpan(start));
        _rows.AppendValid(start + written);
    }

    public void AppendNull() => _rows.AppendNull();

    public StringVector Build() => new(_type, _rows.Offsets, _bytes, _rows.Length, _rows.BuildValidity(), _rows.NullCount);

    /// <summary>Starts a new vector with fresh buffers (the built vector keeps the old ones).</summary>
    public void Reset()
    {
        _rows.Reset();
        _bytes = new byte[_bytes.Length];
    }
}
