using System.Text;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels.Selection;

public sealed class VectorConcatGatherTests
{
    private static StringVector Strings(params string?[] values)
    {
        var b = new StringVectorBuilder(ColumnType.String, values.Length, 64);
        foreach (var v in values)
            if (v is null) b.AppendNull(); else b.Append(Encoding.UTF8.GetBytes(v));
        return b.Build();
    }

    [Fact]
    public void Gathers_Strings_From_Plain_And_Dictionary_Sources_With_Nulls()
    {
        var plain = Strings("a", null, "c");
        var validity = Validity.AllValid(4);
        Validity.SetNull(validity, 2);
        var dictionary = new DictionaryVector(Strings("x", "y"), [1, 0, 0, 1], 4, validity, 1);
        var gathered = VectorConcat.Gather(ColumnType.String, [plain, dictionary], [1, 0, 1, 1, 0, 1], [0, 2, 3, 2, 1, -1]);
        Assert.Equal(new object?[] { "y", "c", "y", null, null, null }, Enumerable.Range(0, 6).Select(gathered.GetObject));
    }

    private static readonly ColumnType StringArray = ColumnType.Array(ColumnType.String);

    [Fact]
    public void Concatenates_Arrays_Shifting_Offsets_Into_One_Child()
    {
        var first = VectorFromObjects.Build(StringArray, [new object?[] { "a", "b" }, null]);
        var second = VectorFromObjects.Build(StringArray, [Array.Empty<object?>(), new object?[] { null, "c" }]);
        var all = (ListVector)VectorConcat.Concat(StringArray, [first, second]);
        Assert.Equal(new object?[] { new object?[] { "a", "b" }, null, Array.Empty<object?>(), new object?[] { null, "c" } }, Enumerable.Range(0, 4).Select(all.GetObject));
        Assert.Equal([0, 2, 2, 2, 4], all.Offsets.ToArray());
        Assert.Equal(1, all.NullCount);
        Assert.Equal(0, VectorConcat.Empty(StringArray).Length);
    }

    [Fact]
    public void Gathers_Arrays_From_Several_Sources()
    {
        var first = VectorFromObjects.Build(StringArray, [new object?[] { "a" }, null]);
        var second = VectorFromObjects.Build(StringArray, [new object?[] { "x", "y" }]);
        var gathered = VectorConcat.Gather(StringArray, [first, second], [1, 0, 0, 1], [0, 0, 1, -1]);
        Assert.Equal(new object?[] { new object?[] { "x", "y" }, new object?[] { "a" }, null, null }, Enumerable.Range(0, 4).Select(gathered.GetObject));
    }
}
