using Kindling.Vectors;

namespace Kindling.Engine.Tests.Vectors;

/// <summary>The list layout: offsets into one child, null rows with empty ranges, and the checks its constructor makes.</summary>
public sealed class ListVectorTests
{
    [Fact]
    public void Builder_closes_rows_over_a_child_built_alongside()
    {
        var lists = new ListVectorBuilder(ColumnType.Array(ColumnType.String));
        var elements = new StringVectorBuilder();
        elements.Append("a"); elements.AppendNull();
        lists.EndList(elements.Length);
        lists.AppendNull();
        lists.EndList(elements.Length); // an empty array
        elements.Append("b");
        lists.EndList(elements.Length);
        var v = lists.Build(elements.Build());

        Assert.Equal(4, v.Length);
        Assert.Equal([0, 2, 2, 2, 3], v.Offsets.ToArray());
        Assert.Equal(1, v.NullCount);
        Assert.Equal(new object?[] { "a", null }, v.GetObject(0));
        Assert.Null(v.GetObject(1));
        Assert.Equal(Array.Empty<object?>(), v.GetObject(2));
        Assert.Equal(new object?[] { "b" }, v.GetObject(3));
    }

    [Fact]
    public void Without_null_rows_there_is_no_bitmap()
    {
        var lists = new ListVectorBuilder(ColumnType.Array(ColumnType.Int32));
        lists.EndList(1);
        var v = lists.Build(new PrimitiveVector<int>(ColumnType.Int32, [7], 1));
        Assert.Null(v.ValidityBits);
        Assert.Equal(new object?[] { 7 }, v.GetObject(0));
    }

    [Fact]
    public void Constructor_rejects_a_mismatched_child_and_offsets_past_it()
    {
        var child = new PrimitiveVector<int>(ColumnType.Int32, [1, 2], 2);
        Assert.Throws<ArgumentException>(() => new ListVector(ColumnType.Array(ColumnType.String), [0, 2], child, 1));
        Assert.Throws<ArgumentException>(() => new ListVector(ColumnType.Array(ColumnType.Int32), [0, 3], child, 1));
        Assert.Throws<ArgumentException>(() => new ListVector(ColumnType.Int32, [0, 2], child, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListVectorBuilder(ColumnType.Array(ColumnType.Int32)).EndList(-1));
    }

    [Fact]
    public void Array_types_compare_by_element_and_print_like_spark()
    {
        Assert.Equal(ColumnType.Array(ColumnType.String), ColumnType.Array(ColumnType.String));
        Assert.NotEqual(ColumnType.Array(ColumnType.String), ColumnType.Array(ColumnType.Int32));
        Assert.Equal("array<string>", ColumnType.Array(ColumnType.String).ToString());
        Assert.Equal("array<array<decimal(10,2)>>", ColumnType.Array(ColumnType.Array(ColumnType.Decimal(10, 2))).ToString());
    }
}
