namespace Kindling.Vectors;

/// <summary>
/// A fixed-width column: boolean (byte 0/1), int32, int64, float, double, date (int32 days),
/// timestamp (int64 micros) or decimal (int64 or Int128 unscaled).
/// </summary>
internal sealed class PrimitiveVector<T> : ColumnVector where T : unmanaged
{
    private readonly T[] _values;

    /// <param name="values">At least <paramref name="length"/> values; positions of nulls hold unspecified values.</param>
    public PrimitiveVector(ColumnType type, T[] values, int length, byte[]? validity = null, int nullCount = -1)
        : base(type, length, validity, nullCount < 0 ? CountNulls(validity, length) : nullCount)
    {
        if (values.Length < length)
            throw new ArgumentException($"values buffer of {values.Length} is shorter than {length} rows", nameof(values));
        _values = values;
    }

    /// <summary>The values, exactly <see cref="ColumnVector.Length"/> long.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Length);

    /// <summary>The backing array (may be longer than <see cref="ColumnVector.Length"/>); for kernels that need an array.</summary>
    public T[] RawValues => _values;

    public T this[int index] => _values[index];

    public override object? GetObject(int index)
    {
        if (IsNull(index)) return null;
        object v = _values[index];
        return Type.Kind switch
        {
            TypeKind.Boolean => (byte)v != 0,
            TypeKind.Date => DateOnly.FromDayNumber(TemporalConstants.EpochDayNumber + (int)v),
            TypeKind.Timestamp => DateTime.UnixEpoch.AddTicks((long)v * TemporalConstants.TicksPerMicrosecond),
            TypeKind.Decimal => v is long l ? DecimalValue.ToDecimal(l, Type.Scale) : DecimalValue.ToDecimal((Int128)v, Type.Scale),
            _ => v,
        };
    }
}
