using Kindling.Kernels.Arrays;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels.Arrays;

/// <summary>size, element_at, the subscript and array_contains on hand-built arrays, with Spark's non-ANSI answers.</summary>
public sealed class ArrayKernelsTests
{
    private static readonly ColumnType StringArray = ColumnType.Array(ColumnType.String);

    // Rows: [a, b, c], null, [], [x, null]
    private static ListVector Sample() =>
        (ListVector)VectorFromObjects.Build(StringArray, [new object?[] { "a", "b", "c" }, null, Array.Empty<object?>(), new object?[] { "x", null }]);

    private static PrimitiveVector<int> Ints(params int?[] values) => (PrimitiveVector<int>)VectorFromObjects.Build(ColumnType.Int32, [.. values.Cast<object?>()]);

    private static object?[] Objects(ColumnVector v) => [.. Enumerable.Range(0, v.Length).Select(v.GetObject)];

    [Fact]
    public void Size_counts_elements_and_gives_minus_one_for_null()
    {
        var sizes = ArrayKernels.Size(Sample());
        Assert.Equal(new object?[] { 3, -1, 0, 2 }, Objects(sizes));
        Assert.Null(sizes.ValidityBits);
    }

    [Fact]
    public void Element_at_is_one_based_and_counts_back_from_the_end()
    {
        Assert.Equal(new object?[] { "a", null, null, "x" }, Objects(ArrayKernels.ElementAt(Sample(), Ints(1, 1, 1, 1), oneBased: true)));
        Assert.Equal(new object?[] { "c", null, null, null }, Objects(ArrayKernels.ElementAt(Sample(), Ints(-1, -1, -1, -1), oneBased: true)));
        Assert.Equal(new object?[] { "a", null, null, "x" }, Objects(ArrayKernels.ElementAt(Sample(), Ints(-3, 2, 1, -2), oneBased: true)));
        Assert.Equal(new object?[] { null, null, null, null }, Objects(ArrayKernels.ElementAt(Sample(), Ints(4, null, 5, -3), oneBased: true)));
    }

    [Fact]
    public void Element_at_zero_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => ArrayKernels.ElementAt(Sample(), Ints(1, 1, 0, 1), oneBased: true));
        Assert.Contains("INVALID_INDEX_OF_ZERO", e.Message);
    }

    [Fact]
    public void Subscript_is_zero_based_and_negative_is_null()
    {
        Assert.Equal(new object?[] { "a", null, null, "x" }, Objects(ArrayKernels.ElementAt(Sample(), Ints(0, 0, 0, 0), oneBased: false)));
        Assert.Equal(new object?[] { "c", null, null, null }, Objects(ArrayKernels.ElementAt(Sample(), Ints(2, 0, 0, 1), oneBased: false)));
        Assert.Equal(new object?[] { null, null, null, null }, Objects(ArrayKernels.ElementAt(Sample(), Ints(-1, 0, 0, 2), oneBased: false)));
    }

    [Fact]
    public void Contains_is_true_false_or_null_when_a_null_element_might_match()
    {
        // [a, b, c] has b; null array is null; [] is false; [x, null] is null (the null might be b).
        Assert.Equal(new object?[] { true, null, false, null }, Objects(ArrayKernels.Contains(Sample(), "b")));
        Assert.Equal(new object?[] { false, null, false, true }, Objects(ArrayKernels.Contains(Sample(), "x")));
    }

    [Fact]
    public void Contains_with_a_value_per_row()
    {
        var values = (StringVector)VectorFromObjects.Build(ColumnType.String, ["c", "a", "a", null]);
        Assert.Equal(new object?[] { true, null, false, null }, Objects(ArrayKernels.Contains(Sample(), values)));
    }

    [Fact]
    public void Functions_work_on_integer_elements_too()
    {
        var lists = (ListVector)VectorFromObjects.Build(ColumnType.Array(ColumnType.Int64), [new object?[] { 5L, 6L }, new object?[] { 7L }]);
        Assert.Equal(new object?[] { 6L, null }, Objects(ArrayKernels.ElementAt(lists, Ints(2, 2), oneBased: true)));
        Assert.Equal(new object?[] { false, true }, Objects(ArrayKernels.Contains(lists, 7L)));
    }
}
