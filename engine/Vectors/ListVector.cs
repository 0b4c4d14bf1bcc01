namespace Kindling.Vectors;

/// <summary>
/// An array column in Arrow's list layout: row i holds elements <c>Elements[Offsets[i]..Offsets[i + 1]]</c> of
/// one child vector. A null row has an empty range; elements themselves may be null (the child's validity).
/// </summary>
internal sealed class ListVector : ColumnVector
{
    private readonly int[] _offsets;

    /// <param name="offsets">At least <paramref name="length"/> + 1 non-decreasing offsets into <paramref name="elements"/>.</param>
    public ListVector(ColumnType type, int[] offsets, ColumnVector elements, int length, byte[]? validity = null, int nullCount = -1)
        : base(type, length, validity, nullCount < 0 ? CountNulls(validity, length) : nullCount)
    {
        if (type.Kind != TypeKind.Array || type.Element is null)
            throw new ArgumentException($"ListVector cannot hold {type}", nameof(type));
        if (elements.Type != type.Element)
            throw new ArgumentException($"elements are {elements.Type} but the type is {type}", nameof(elements));
        if (offsets.Length < length + 1)
            throw new ArgumentException($"offsets buffer of {offsets.Length} is shorter than {length} + 1", nameof(offsets));
        if (offsets[length] > elements.Length)
            throw new ArgumentException($"last offset {offsets[length]} is past the {elements.Length} elements", nameof(offsets));
        _offsets = offsets;
        Elements = elements;
    }

    /// <summary>The child vector holding every row's elements back to back.</summary>
    public ColumnVector Elements { get; }

    /// <summary>Exactly <see cref="ColumnVector.Length"/> + 1 offsets.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    public int[] RawOffsets => _offsets;

    /// <summary>The number of elements of row <paramref name="index"/> (0 for null).</summary>
    public int CountAt(int index) => _offsets[index + 1] - _offsets[index];

    /// <summary>Row <paramref name="index"/> as an array of element objects (null for a null row); not for hot paths.</summary>
    public override object? GetObject(int index)
    {
        if (IsNull(index)) return null;
        int start = _offsets[index];
        var values = new object?[CountAt(index)];
        for (int i = 0; i < values.Length; i++) values[i] = Elements.GetObject(start + i);
        return values;
    }
}
