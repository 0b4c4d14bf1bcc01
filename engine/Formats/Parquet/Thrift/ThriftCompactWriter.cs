using System.Buffers.Binary;
using System.Text;

namespace Kindling.Formats.Parquet.Thrift;

/// <summary>Writes Thrift's compact protocol into a growable buffer.</summary>
internal sealed class ThriftCompactWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Clear()
    {
        _length = 0;
        _lastFieldId = 0;
        _lastFieldIds.Clear();
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Varint(ulong v)
    {
        Ensure(10);
        while (v >= 0x80)
        {
            _buffer[_length++] = (byte)(v | 0x80);
            v >>= 7;
        }
        _buffer[_length++] = (byte)v;
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    private void FieldHeader(short id, ThriftType type)
    {
        int delta = id - _lastFieldId;
        if (delta is > 0 and <= 15) Byte((byte)((delta << 4) | (int)type));
        else
        {
            Byte((byte)type);
            Varint(ZigZag(id));
        }
        _lastFieldId = id;
    }

    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        Byte((byte)ThriftType.Stop);
        _lastFieldId = _lastFieldIds.Pop();
    }

    public void StructField(short id)
    {
        FieldHeader(id, ThriftType.Struct);
        BeginStruct();
    }

    public void I32(short id, int value)
    {
        FieldHeader(id, ThriftType.I32);
        Varint(ZigZag(value));
    }

    public void I64(short id, long value)
    {
        FieldHeader(id, ThriftType.I64);
        Varint(ZigZag(value));
    }

    public void I8(short id, sbyte value)
    {
        FieldHeader(id, ThriftType.Byte);
        Byte((byte)value);
    }

    public void Bool(short id, bool value) => FieldHeader(id, value ? ThriftType.BooleanTrue : ThriftType.BooleanFalse);

    public void Binary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, ThriftType.Binary);
        RawBinary(value);
    }

    public void String(short id, string value) => Binary(id, Encoding.UTF8.GetBytes(value));

    private void RawBinary(ReadOnlySpan<byte> value)
    {
        Varint((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void ListHeader(short id, ThriftType elementType, int count)
    {
        FieldHeader(id, ThriftType.List);
        if (count < 15) Byte((byte)((count << 4) | (int)elementType));
        else
        {
            Byte((byte)(0xF0 | (int)elementType));
            Varint((ulong)count);
        }
    }

    public void I32Element(int value) => Varint(ZigZag(value));

    public void StringElement(string value) => RawBinary(Encoding.UTF8.GetBytes(value));

    /// <summary>Starts a struct that is a list element (no field header).</summary>
    public void BeginStructElement() => BeginStruct();

    public void Double(short id, double value)
    {
        FieldHeader(id, ThriftType.Double);
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }
}
