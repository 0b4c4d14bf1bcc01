namespace Kindling.Vectors;

/// <summary>
/// Builds a <see cref="ListVector"/>'s offsets and validity. The caller appends a row's elements to its own
/// child builder, then closes the row with <see cref="EndList"/>; <see cref="Build"/> takes the built child.
/// </summary>
internal sealed class ListVectorBuilder
{
    private readonly ColumnType _type;
    private readonly ValidityBuilder _validity = new();
    private int[] _offsets;
    private int _length;

    public ListVectorBuilder(ColumnType type, int capacity = 1024)
    {
        if (type.Kind != TypeKind.Array) throw new ArgumentException($"ListVectorBuilder cannot build {type}", nameof(type));
        _type = type;
        _offsets = new int[Math.Max(capacity, 16) + 1];
    }

    public int Length => _length;

    /// <summary>The child element count so far (where the next row's elements start).</summary>
    public int ElementCount => _offsets[_length];

    /// <summary>Closes a row whose elements end at child position <paramref name="elementEnd"/>.</summary>
    public void EndList(int elementEnd)
    {
        if (elementEnd < _offsets[_length])
            throw new ArgumentOutOfRangeException(nameof(elementEnd), elementEnd, $"a row cannot end before its start {_offsets[_length]}");
        AppendOffset(elementEnd);
        _validity.AppendValid();
    }

    public void AppendNull()
    {
        AppendOffset(_offsets[_length]);
        _validity.AppendNull();
    }

    private void AppendOffset(int end)
    {
        if (_length + 2 > _offsets.Length)
            Array.Resize(ref _offsets, _offsets.Length * 2);
        _offsets[++_length] = end;
    }

    /// <param name="elements">The child built alongside, holding at least <see cref="ElementCount"/> elements.</param>
    public ListVector Build(ColumnVector elements) => new(_type, _offsets, elements, _length, _validity.Build(), _validity.NullCount);
}
