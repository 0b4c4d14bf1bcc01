using System.Text;

namespace Kindling.Vectors;

/// <summary>
/// A variable-width column (string as UTF-8, or binary): value i is
/// <c>Bytes[Offsets[i]..Offsets[i + 1]]</c>, as in Arrow's utf8/binary layout. Nulls have empty ranges.
/// </summary>
internal sealed class StringVector : ColumnVector
{
    private readonly int[] _offsets;
    private readonly byte[] _bytes;

    /// <param name="offsets">At least <paramref name="length"/> + 1 non-decreasing offsets into <paramref name="bytes"/>.</param>
    public StringVector(ColumnType type, int[] offsets, byte[] bytes, int length, byte[]? validity = null, int nullCount = -1)
        : base(type, length, validity, nullCount < 0 ? CountNulls(validity, length) : nullCount)
    {
        if (!type.IsVariableWidth)
            throw new ArgumentException($"StringVector cannot hold {type}", nameof(type));
        if (offsets.Length < length + 1)
            throw new ArgumentException($"offsets buffer of {offsets.Length} is shorter than {length} + 1", nameof(offsets));
        if (offsets[length] > bytes.Length)
            throw new ArgumentException($"last offset {offsets[length]} is past the {bytes.Length}-byte data buffer", nameof(offsets));
        _offsets = offsets;
        _bytes = bytes;
    }

    /// <summary>Exactly <see cref="ColumnVector.Length"/> + 1 offsets.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    /// <summary>The data buffer up to the last offset.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _offsets[Length]);

    public int[] RawOffsets => _offsets;

    public byte[] RawBytes => _bytes;

    /// <summary>The UTF-8 bytes of value <paramref name="index"/> (empty for null).</summary>
    public ReadOnlySpan<byte> GetBytes(int index) => _bytes.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Value <paramref name="index"/> decoded to a .NET string (allocates; not for hot paths).</summary>
    public string? GetString(int index) => IsNull(index) ? null : Encoding.UTF8.GetString(GetBytes(index));

    public override object? GetObject(int index)
    {
        if (IsNull(index)) return null;
        return Type.Kind == TypeKind.String ? Encoding.UTF8.GetString(GetBytes(index)) : GetBytes(index).ToArray();
    }
}
