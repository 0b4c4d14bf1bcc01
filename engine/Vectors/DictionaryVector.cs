namespace Kindling.Vectors;

/// <summary>
/// A dictionary-encoded column (Arrow's dictionary layout): row i holds <c>Dictionary[Indices[i]]</c>.
/// Parquet dictionary pages decode into this so that grouping and joining can work on the int codes.
/// The logical type is the dictionary's type.
/// </summary>
internal sealed class DictionaryVector : ColumnVector
{
    private readonly int[] _indices;

    public DictionaryVector(ColumnVector dictionary, int[] indices, int length, byte[]? validity = null, int nullCount = -1)
        : base(dictionary.Type, length, validity, nullCount < 0 ? CountNulls(validity, length) : nullCount)
    {
        if (indices.Length < length)
            throw new ArgumentException($"indices buffer of {indices.Length} is shorter than {length} rows", nameof(indices));
        Dictionary = dictionary;
        _indices = indices;
    }

    public ColumnVector Dictionary { get; }

    /// <summary>Exactly <see cref="ColumnVector.Length"/> indices; positions of nulls hold unspecified values.</summary>
    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Length);

    public int[] RawIndices => _indices;

    public override object? GetObject(int index) => IsNull(index) ? null : Dictionary.GetObject(_indices[index]);
}
