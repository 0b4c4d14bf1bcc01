namespace Kindling.Vectors;

/// <summary>
/// Builds a <see cref="ListVector"/>'s offsets and validity. The caller appends a row's elements to its own
/// child builder, then closes the row with <see cref="EndList"/>; <see cref="Build"/> takes the built child.
/// </summary>
internal sealed class ListVectorBuilder
{
    private readonly ColumnType _type;
    private readonly OffsetsBuilder _rows;

    public ListVectorBuilder(ColumnType type, int capacity = 1024)
    {
        if (type.Kind != TypeKind.Array) throw new ArgumentException($"ListVectorBuilder cannot build {type}", nameof(type));
        _type = type;
        _rows = new OffsetsBuilder(capacity);
    }

    public int Length => _rows.Length;

    /// <summary>The child element count so far (where the next row's elements start).</summary>
    public int ElementCount => _rows.End;

    /// <summary>Closes a row whose elements end at child position <paramref name="elementEnd"/>.</summary>
    public void EndList(int elementEnd)
    {
        if (elementEnd < _rows.End)
            throw new ArgumentOutOfRangeException(nameof(elementEnd), elementEnd, $"a row cannot end before its start {_rows.End}");
        _rows.AppendValid(elementEnd);
    }

    public void AppendNull() => _rows.AppendNull();

    /// <param name="elements">The child built alongside, holding at least <see cref="ElementCount"/> elements.</param>
    public ListVector Build(ColumnVector elements) => new(_type, _rows.Offsets, elements, _rows.Length, _rows.BuildValidity(), _rows.NullCount);
}
