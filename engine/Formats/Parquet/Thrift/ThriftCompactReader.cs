using System.Buffers.Binary;
using System.Text;

namespace Kindling.Formats.Parquet.Thrift;

/// <summary>
/// Reads Thrift's compact protocol from a span. Every length is checked against the bytes left and
/// nesting is bounded, so hostile metadata fails with <see cref="InvalidDataException"/> instead of
/// allocating or recursing without limit.
/// </summary>
internal ref struct ThriftCompactReader
{
    private const int MaxDepth = 64;
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _depth;

    public ThriftCompactReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        _depth = 0;
    }

    public int Position => _position;

    private static InvalidDataException Corrupt(string what) => new($"corrupt Thrift metadata: {what}");

    public byte ReadByte()
    {
        if (_position >= _data.Length) throw Corrupt("unexpected end of data");
        return _data[_position++];
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Corrupt("varint longer than 10 bytes");
    }

    public long ReadI64()
    {
        ulong v = ReadVarint();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public int ReadI32()
    {
        long v = ReadI64();
        if (v is < int.MinValue or > int.MaxValue) throw Corrupt($"i32 value {v} out of range");
        return (int)v;
    }

    public double ReadDouble()
    {
        if (_position + 8 > _data.Length) throw Corrupt("unexpected end of data in a double");
        double d = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_position, 8));
        _position += 8;
        return d;
    }

    public ReadOnlySpan<byte> ReadBinary()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position)) throw Corrupt($"binary length {length} exceeds the {_data.Length - _position} bytes left");
        var span = _data.Slice(_position, (int)length);
        _position += (int)length;
        return span;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    /// <summary>Reads a field header; returns false at the struct's stop byte. Booleans carry their value in the type.</summary>
    public bool ReadFieldHeader(ref short lastFieldId, out short fieldId, out ThriftType type)
    {
        byte header = ReadByte();
        type = (ThriftType)(header & 0x0F);
        if (type == ThriftType.Stop)
        {
            fieldId = 0;
            return false;
        }
        int delta = header >> 4;
        fieldId = delta == 0 ? checked((short)ReadI64()) : (short)(lastFieldId + delta);
        lastFieldId = fieldId;
        return true;
    }

    /// <summary>Reads a list header; the element count is checked against the bytes left (each element takes at least one byte).</summary>
    public int ReadListHeader(out ThriftType elementType)
    {
        byte header = ReadByte();
        elementType = (ThriftType)(header & 0x0F);
        long size = header >> 4;
        if (size == 15) size = (long)ReadVarint();
        if (size > _data.Length - _position) throw Corrupt($"list of {size} elements exceeds the {_data.Length - _position} bytes left");
        return (int)size;
    }

    public bool ReadBoolElement() => ReadByte() == 1;

    public void EnterStruct()
    {
        if (++_depth > MaxDepth) throw Corrupt($"nesting deeper than {MaxDepth}");
    }

    public void ExitStruct() => _depth--;

    /// <summary>Skips a value of the given type (unknown fields: forward compatibility).</summary>
    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.BooleanTrue:
            case ThriftType.BooleanFalse:
                return;
            case ThriftType.Byte:
                ReadByte();
                return;
            case ThriftType.I16:
            case ThriftType.I32:
            case ThriftType.I64:
                ReadVarint();
                return;
            case ThriftType.Double:
                ReadDouble();
                return;
            case ThriftType.Binary:
                ReadBinary();
                return;
            case ThriftType.List:
            case ThriftType.Set:
            {
                int n = ReadListHeader(out var element);
                for (int i = 0; i < n; i++)
                {
                    if (element is ThriftType.BooleanTrue or ThriftType.BooleanFalse) ReadByte();
                    else Skip(element);
                }
                return;
            }
            case ThriftType.Map:
            {
                long n = (long)ReadVarint();
                if (n == 0) return;
                if (n > _data.Length - _position) throw Corrupt($"map of {n} entries exceeds the bytes left");
                byte kv = ReadByte();
                for (long i = 0; i < n; i++)
                {
                    SkipElement((ThriftType)(kv >> 4));
                    SkipElement((ThriftType)(kv & 0x0F));
                }
                return;
            }
            case ThriftType.Struct:
            {
                EnterStruct();
                short last = 0;
                while (ReadFieldHeader(ref last, out _, out var fieldType)) Skip(fieldType);
                ExitStruct();
                return;
            }
            default:
                throw Corrupt($"unknown field type {(int)type}");
        }
    }

    private void SkipElement(ThriftType type)
    {
        if (type is ThriftType.BooleanTrue or ThriftType.BooleanFalse) ReadByte();
        else Skip(type);
    }
}
