namespace Kindling.Vectors;

/// <summary>
/// An immutable column of <see cref="Length"/> values in the Arrow layout: a values buffer (or offsets +
/// bytes) and an optional validity bitmap (null when the column has no nulls).
/// </summary>
internal abstract class ColumnVector
{
    protected ColumnVector(ColumnType type, int length, byte[]? validity, int nullCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (validity is not null && validity.Length < Validity.ByteLength(length))
            throw new ArgumentException($"validity bitmap of {validity.Length} bytes is too short for {length} rows", nameof(validity));
        Type = type;
        Length = length;
        // No bitmap when nothing is null: kernels then take their all-valid fast path.
        ValidityBits = nullCount == 0 ? null : validity;
        NullCount = nullCount;
    }

    public ColumnType Type { get; }

    public int Length { get; }

    /// <summary>The validity bitmap, or null when every value is valid.</summary>
    public byte[]? ValidityBits { get; }

    public int NullCount { get; }

    public bool HasNulls => NullCount > 0;

    public bool IsNull(int index) => ValidityBits is not null && !Validity.IsValid(ValidityBits, index);

    public bool IsValid(int index) => !IsNull(index);

    /// <summary>The value at <paramref name="index"/> as a CLR object (null for null); for tests, Show and Collect, never hot paths.</summary>
    public abstract object? GetObject(int index);

    /// <summary>Computes the null count of a bitmap, for constructors that were not told it.</summary>
    protected static int CountNulls(byte[]? validity, int length) => validity is null ? 0 : Validity.CountNulls(validity, length);
}
