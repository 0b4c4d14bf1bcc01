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
}
