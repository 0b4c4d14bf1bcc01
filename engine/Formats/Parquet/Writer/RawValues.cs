namespace Kindling.Formats.Parquet.Writer;

/// <summary>
/// The non-null values of a column chunk in their raw byte form: little-endian fixed-width values, or
/// the bytes of each byte array (with offsets). Encoders, dictionaries and statistics all work on it.
/// </summary>
internal sealed class RawValues
{
    private byte[] _data = ScratchArrays.Rent<byte>(1024);
    private int[] _offsets = ScratchArrays.Rent<int>(257);

    public RawValues(int fixedWidth)
    {
        FixedWidth = fixedWidth;
        Clear(); // a rented array holds what it last held
    }

    /// <summary>Bytes per value, or 0 for byte arrays of varying length.</summary>
    public int FixedWidth { get; }

    public int Count { get; private set; }

    public int DataLength { get; private set; }

    public ReadOnlySpan<byte> Data => _data.AsSpan(0, DataLength);

    public ReadOnlySpan<byte> this[int index] => FixedWidth > 0
        ? _data.AsSpan(index * FixedWidth, FixedWidth)
        : _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Byte range of values [from, to) in <see cref="Data"/>.</summary>
    public (int Start, int Length) Range(int from, int to) => FixedWidth > 0
        ? (from * FixedWidth, (to - from) * FixedWidth)
        : (_offsets[from], _offsets[to] - _offsets[from]);

    /// <summary>Reserves space for one value and returns it to fill.</summary>
    public Span<byte> Add(int length)
    {
        ScratchArrays.Grow(ref _data, DataLength + length, DataLength);
        var span = _data.AsSpan(DataLength, length);
        DataLength += length;
        Count++;
        if (FixedWidth == 0)
        {
            ScratchArrays.Grow(ref _offsets, Count + 1, Count);
            _offsets[Count] = DataLength;
        }
        return span;
    }

    /// <summary>Appends fixed-width values already in their raw little-endian form.</summary>
    public void AddFixed(ReadOnlySpan<byte> values) => values.CopyTo(AddFixed(values.Length / FixedWidth));

    /// <summary>Appends byte arrays given as Arrow-style offsets (one more than the values) into <paramref name="bytes"/>.</summary>
    public void AddVariable(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> offsets)
    {
        int count = offsets.Length - 1, start = offsets[0], length = offsets[count] - start;
        ScratchArrays.Grow(ref _data, DataLength + length, DataLength);
        ScratchArrays.Grow(ref _offsets, Count + count + 1, Count + 1);
        bytes.Slice(start, length).CopyTo(_data.AsSpan(DataLength));
        int shift = DataLength - start;
        for (int i = 1; i <= count; i++) _offsets[Count + i] = offsets[i] + shift;
        DataLength += length;
        Count += count;
    }

    /// <summary>Reserves <paramref name="count"/> fixed-width values and returns their bytes to fill.</summary>
    public Span<byte> AddFixed(int count)
    {
        int length = count * FixedWidth;
        ScratchArrays.Grow(ref _data, DataLength + length, DataLength);
        var span = _data.AsSpan(DataLength, length);
        DataLength += length;
        Count += count;
        return span;
    }

    public void Clear()
    {
        Count = 0;
        DataLength = 0;
        _offsets[0] = 0;
    }

    /// <summary>Returns the memory to the pool, for good: the values are not used afterwards.</summary>
    public void Release()
    {
        ScratchArrays.Return(ref _data);
        ScratchArrays.Return(ref _offsets);
        Count = 0;
        DataLength = 0;
    }
}
