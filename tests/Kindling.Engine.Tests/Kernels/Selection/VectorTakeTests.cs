using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels.Selection;

/// <summary>Take gathers rows by index for every layout; -1 and null source rows give nulls.</summary>
public sealed class VectorTakeTests
{
    [Fact]
    public void Takes_primitive_rows_and_nulls()
    {
        var b = new PrimitiveVectorBuilder<long>(ColumnType.Int64);
        b.Append(10); b.AppendNull(); b.Append(30); b.Append(40);
        var taken = (PrimitiveVector<long>)VectorTake.Take(b.Build(), [3, 1, -1, 0, 0]);
        Assert.Equal(new object?[] { 40L, null, null, 10L, 10L }, Enumerable.Range(0, 5).Select(taken.GetObject));
        Assert.Equal(2, taken.NullCount);
    }

    [Fact]
    public void A_take_without_nulls_has_no_bitmap()
    {
        var v = new PrimitiveVector<int>(ColumnType.Int32, [1, 2, 3], 3);
        var taken = VectorTake.Take(v, [2, 2, 0]);
        Assert.Null(taken.ValidityBits);
        Assert.Equal(new object?[] { 3, 3, 1 }, Enumerable.Range(0, 3).Select(taken.GetObject));
    }

    [Fact]
    public void Takes_strings_with_their_bytes()
    {
        var s = new StringVectorBuilder();
        s.Append("Zoë"); s.AppendNull(); s.Append(""); s.Append("東京");
        var taken = (StringVector)VectorTake.Take(s.Build(), [3, 0, 1, 2, -1, 3]);
        Assert.Equal(new[] { "東京", "Zoë", null, "", null, "東京" }, Enumerable.Range(0, 6).Select(taken.GetString));
    }

    [Fact]
    public void Dictionary_vectors_stay_dictionary_encoded()
    {
        var dictionary = new StringVectorBuilder();
        dictionary.Append("direct"); dictionary.Append("lead");
        var codes = new DictionaryVector(dictionary.Build(), [1, 0, 1], 3);
        var taken = Assert.IsType<DictionaryVector>(VectorTake.Take(codes, [2, -1, 1]));
        Assert.Equal(new object?[] { "lead", null, "direct" }, Enumerable.Range(0, 3).Select(taken.GetObject));
    }

    [Fact]
    public void Takes_whole_arrays_with_their_elements()
    {
        var lists = VectorFromObjects.Build(ColumnType.Array(ColumnType.String), [new object?[] { "a", null }, null, new object?[] { "東京" }, Array.Empty<object?>()]);
        var taken = (ListVector)VectorTake.Take(lists, [2, -1, 0, 1, 3, 2]);
        Assert.Equal(new object?[] { new object?[] { "東京" }, null, new object?[] { "a", null }, null, Array.Empty<object?>(), new object?[] { "東京" } },
            Enumerable.Range(0, 6).Select(taken.GetObject));
        Assert.Equal(2, taken.NullCount);
        Assert.Equal([0, 1, 1, 3, 3, 3, 4], taken.Offsets.ToArray());
    }
}
