using Kindling.Kernels.Boolean;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels;

public class BooleanKernelsTests
{
    private static PrimitiveVector<byte> Bools(params bool?[] values)
    {
        var b = new PrimitiveVectorBuilder<byte>(ColumnType.Boolean);
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v.Value ? (byte)1 : (byte)0); }
        return b.Build();
    }

    private static bool?[] Read(PrimitiveVector<byte> v) => [.. Enumerable.Range(0, v.Length).Select(i => v.IsNull(i) ? (bool?)null : v[i] == 1)];

    [Fact]
    public void And_Or_Truth_Tables()
    {
        bool?[] x = [true, true, true, false, false, false, null, null, null];
        bool?[] y = [true, false, null, true, false, null, true, false, null];
        Assert.Equal([true, false, null, false, false, false, null, false, null], Read(BooleanKernels.AndOr(true, Bools(x), Bools(y))));
        Assert.Equal([true, true, true, true, false, null, true, null, null], Read(BooleanKernels.AndOr(false, Bools(x), Bools(y))));
        Assert.Equal([false, true, null], Read(BooleanKernels.Not(Bools(true, false, null))));
    }

    [Fact]
    public void SelectTrue_Skips_False_And_Null()
    {
        var sel = new int[5];
        int n = BooleanKernels.SelectTrue(Bools(true, null, false, true, true), sel);
        Assert.Equal([0, 3, 4], sel[..n]);
    }
}
