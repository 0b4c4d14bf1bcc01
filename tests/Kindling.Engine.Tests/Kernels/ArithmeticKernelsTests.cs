using Kindling.Kernels.Arithmetic;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels;

/// <summary>Vector-vector and vector-scalar arithmetic against a checked scalar reference with Java wrap rules.</summary>
public class ArithmeticKernelsTests
{
    private static long? Reference(ArithmeticOp op, long? a, long? b)
    {
        if (a is null || b is null) return null;
        return op switch
        {
            ArithmeticOp.Add => unchecked(a.Value + b.Value),
            ArithmeticOp.Subtract => unchecked(a.Value - b.Value),
            ArithmeticOp.Multiply => unchecked(a.Value * b.Value),
            ArithmeticOp.Divide => b == 0 ? null : b == -1 ? unchecked(-a.Value) : a / b,
            _ => b == 0 ? null : b == -1 ? 0 : a % b,
        };
    }

    [Fact]
    public void Long_Kernels_Match_Reference()
    {
        var rng = new Random(11);
        long[] specials = [0, 1, -1, long.MaxValue, long.MinValue, 7, -3];
        for (int round = 0; round < 30; round++)
        {
            int n = rng.Next(1, 200);
            var ab = new PrimitiveVectorBuilder<long>(ColumnType.Int64, n);
            var bb = new PrimitiveVectorBuilder<long>(ColumnType.Int64, n);
            var ra = new long?[n];
            var rb = new long?[n];
            for (int i = 0; i < n; i++)
            {
                if (rng.Next(6) == 0) ab.AppendNull(); else { ra[i] = specials[rng.Next(specials.Length)]; ab.Append(ra[i]!.Value); }
                if (rng.Next(6) == 0) bb.AppendNull(); else { rb[i] = specials[rng.Next(specials.Length)]; bb.Append(rb[i]!.Value); }
            }
            var a = ab.Build();
            var b = bb.Build();
            long c = specials[rng.Next(specials.Length)];
            foreach (var op in Enum.GetValues<ArithmeticOp>())
            {
                var vv = ArithmeticKernels.Evaluate(op, a, b, ColumnType.Int64);
                var vs = ArithmeticKernels.EvaluateScalar(op, a, c)!;
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(Reference(op, ra[i], rb[i]), vv.IsNull(i) ? null : ((PrimitiveVector<long>)vv)[i]);
                    Assert.Equal(Reference(op, ra[i], c), vs.IsNull(i) ? null : ((PrimitiveVector<long>)vs)[i]);
                }
            }
        }
    }
}
