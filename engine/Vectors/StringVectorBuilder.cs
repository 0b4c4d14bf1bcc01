using System.Text;

namespace Kindling.Vectors;

/// <summary>Appends UTF-8 (or binary) values and nulls and builds a <see cref="StringVector"/>.</summary>
internal sealed class StringVectorBuilder
{
    private readonly ColumnType _type;
    private readonly ValidityBuilder _validity = new();
    private int[] _offsets;
    private byte[] _bytes;
    private int _length;

    public StringVectorBuilder(ColumnType? type = null, int capacity = 1024, int byteCapacity = 16 * 1024)
    {
        _type = type ?? ColumnType.String;
        _offsets = new int[Math.Max(capacity, 16) + 1];
        _bytes = new byte[Math.Max(byteCapacity, 64)];
    }

    public int Length => _length;

    public int ByteLength => _offsets[_length];

    public void Append(ReadOnlySpan<byte> value)
    {
        int start = _offsets[_length];
        if (start + value.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(start + value.Length, _bytes.Length * 2));
        value.CopyTo(_bytes.AsSpan(start));
        AppendOffset(start + value.Length);
        _validity.AppendValid();
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
        int start = _offsets[_length];
        if (start + max > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(start + max, _bytes.Length * 2));
        int written = Encoding.UTF8.GetBytes(value, _bytes.AsSpan(start));
        AppendOffset(start + written);
        _validity.AppendValid();
    }

    public void AppendNull()
    {
        AppendOffset(_offsets[_length]);
        _validity.AppendNull();
    }

    private void AppendOffset(int end)
    {
        if (_length + 2 > _offsets.Length)
            Array.Resize(ref _offsets, _offsets.Length * 2);
        _offsets[++_length] = end;
    }

    public StringVector Build() => new(_type, _offsets, _bytes, _length, _validity.Build(), _validity.NullCount);

    /// <summary>Starts a new vector with fresh buffers (the built vector keeps the old ones).</summary>
    public void Reset()
    {
        _offsets = new int[_offsets.Length];
        _bytes = new byte[_bytes.Length];
        _length = 0;
        _validity.Reset();
    }
}
