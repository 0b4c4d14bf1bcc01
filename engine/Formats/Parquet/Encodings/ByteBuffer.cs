using System.Runtime.InteropServices;

namespace Kindling.Formats.Parquet.Encodings;

/// <summary>A growable byte buffer that encoders append to and writers reuse across pages.</summary>
internal sealed class ByteBuffer
{
    private byte[] _data;

    // Pooled: buffers of the writer grow to a page or a column chunk, and writers come and go with each file.
    public ByteBuffer(int capacity = 4096) => _data = Writer.ScratchArrays.Rent<byte>(Math.Max(capacity, 16));

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _data.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Returns the memory to the pool; the buffer is empty (and usable) afterwards.</summary>
    public void Release()
    {
        Writer.ScratchArrays.Return(ref _data);
        Length = 0;
    }

    /// <summary>A span of <paramref name="bytes"/> at the end, to fill and then <see cref="Advance"/> over.</summary>
    public Span<byte> GetSpan(int bytes)
    {
        if (Length + bytes > _data.Length) Writer.ScratchArrays.Grow(ref _data, Length + bytes, Length);
        return _data.AsSpan(Length, bytes);
    }

    public void Advance(int bytes) => Length += bytes;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void WriteByte(byte b)
    {
        GetSpan(1)[0] = b;
        Length++;
    }

    public void Write<T>(ReadOnlySpan<T> values) where T : unmanaged => Write(MemoryMarshal.AsBytes(values));

    public void WriteInt32(int value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        Length += 4;
    }

    public void WriteVarint(ulong value)
    {
        var span = GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        Length += i;
    }

    /// <summary>Overwrites 4 bytes at <paramref name="offset"/> (a length prefix written before its content).</summary>
    public void PatchInt32(int offset, int value) => System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_data.AsSpan(offset, 4), value);
}
