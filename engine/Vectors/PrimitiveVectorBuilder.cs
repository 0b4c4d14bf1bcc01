namespace Kindling.Vectors;

/// <summary>Appends fixed-width values (and nulls) and builds a <see cref="PrimitiveVector{T}"/>.</summary>
internal sealed class PrimitiveVectorBuilder<T> where T : unmanaged
{
    private readonly ColumnType _type;
    private readonly ValidityBuilder _validity = new();
    private T[] _values;
    private int _length;

    public PrimitiveVectorBuilder(ColumnType type, int capacity = 1024)
    {
        _type = type;
        _values = new T[Math.Max(capacity, 16)];
    }

    public int Length => _length;

    public void Append(T value)
    {
        if (_length == _values.Length) Grow(_length + 1);
        _values[_length++] = value;
        _validity.AppendValid();
    }

    public void AppendNull()
    {
        if (_length == _values.Length) Grow(_length + 1);
        _values[_length++] = default;
        _validity.AppendNull();
    }

    /// <summary>Appends a run of non-null values.</summary>
    public void AppendRange(ReadOnlySpan<T> values)
    {
        if (_length + values.Length > _values.Length) Grow(_length + values.Length);
        values.CopyTo(_values.AsSpan(_length));
        _length += values.Length;
        _validity.AppendValid(values.Length);
    }

    private void Grow(int needed) => Array.Resize(ref _values, Math.Max(needed, _values.Length * 2));

    /// <summary>Builds the vector; the builder must not be used afterwards except after <see cref="Reset"/>.</summary>
    public PrimitiveVector<T> Build()
    {
        var vector = new PrimitiveVector<T>(_type, _values, _length, _validity.Build(), _validity.NullCount);
        return vector;
    }

    /// <summary>Starts a new vector with fresh buffers (the built vector keeps the old ones).</summary>
    public void Reset()
    {
        _values = new T[_values.Length];
        _length = 0;
        _validity.Reset();
    }
}
