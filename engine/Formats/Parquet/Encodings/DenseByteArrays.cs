namespace Kindling.Formats.Parquet.Encodings;

/// <summary>Decoded non-null byte arrays of a page or dictionary: offsets into one growing buffer, reused across pages.</summary>
internal sealed class DenseByteArrays
{
    private byte[] _data = new byte[4096];
    private int[] _offsets = new int[257];

    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int index] => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    public void Add(ReadOnlySpan<byte> value)
    {
        int end = _offsets[Count];
        if (end + value.Length > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, end + value.Length));
        value.CopyTo(_data.AsSpan(end));
        if (Count + 2 > _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
        _offsets[++Count] = end + value.Length;
    }

    public void Clear() => Count = 0;
}
