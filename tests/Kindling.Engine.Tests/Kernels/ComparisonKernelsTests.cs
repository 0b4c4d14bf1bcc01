using System.Text;
using Kindling.Kernels.Comparison;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels;

/// <summary>Comparison kernels against a scalar reference on random data with nulls.</summary>
public class ComparisonKernelsTests
{
    private static readonly ComparisonOp[] Ops = Enum.GetValues<ComparisonOp>();

    private static PrimitiveVector<long> Longs(Random rng, int n, out long?[] reference)
    {
        var b = new PrimitiveVectorBuilder<long>(ColumnType.Int64, n);
        reference = new long?[n];
        for (int i = 0; i < n; i++)
        {
            if (rng.Next(5) == 0) { b.AppendNull(); continue; }
            long v = rng.Next(-3, 4);
            b.Append(v);
            reference[i] = v;
        }
        return b.Build();
    }

    private static bool? Reference(ComparisonOp op, IComparable? a, IComparable? b)
    {
        if (op == ComparisonOp.EqualNullSafe) return a is null || b is null ? a is null && b is null : a.CompareTo(b) == 0;
        if (a is null || b is null) return null;
        int c = a.CompareTo(b);
        return op switch
        {
            ComparisonOp.Equal => c == 0,
            ComparisonOp.NotEqual => c != 0,
            ComparisonOp.LessThan => c < 0,
            ComparisonOp.LessThanOrEqual => c <= 0,
            ComparisonOp.GreaterThan => c > 0,
            _ => c >= 0,
        };
    }

    private static bool? At(PrimitiveVector<byte> v, int i) => v.IsNull(i) ? null : v[i] == 1;

    [Fact]
    public void Long_Vector_Vector_And_Scalar_Match_Reference()
    {
        var rng = new Random(42);
        for (int round = 0; round < 20; round++)
        {
            int n = rng.Next(1, 300);
            var a = Longs(rng, n, out var ra);
            var b = Longs(rng, n, out var rb);
            long scalar = rng.Next(-3, 4);
            foreach (var op in Ops)
            {
                var vv = ComparisonKernels.Compare(op, a, b);
                for (int i = 0; i < n; i++) Assert.Equal(Reference(op, ra[i], rb[i]), At(vv, i));
                if (op == ComparisonOp.EqualNullSafe) continue;
                var vs = ComparisonKernels.CompareScalar(op, a, scalar);
                for (int i = 0; i < n; i++) Assert.Equal(Reference(op, ra[i], scalar), At(vs, i));
            }
        }
    }

    [Fact]
    public void Strings_Compare_By_Utf8_Bytes_Including_Dictionaries()
    {
        string[] pool = ["", "a", "ab", "b", "é", "\U0001F600", "\uFF5E", "Z"];
        var rng = new Random(7);
        int n = 200;
        var ba = new StringVectorBuilder(ColumnType.String, n);
        var codes = new int[n];
        var ra = new string[n];
        for (int i = 0; i < n; i++) { ra[i] = pool[rng.Next(pool.Length)]; ba.Append(ra[i]); }
        var dictValues = new StringVectorBuilder(ColumnType.String);
        foreach (var s in pool) dictValues.Append(s);
        var rb = new string[n];
        for (int i = 0; i < n; i++) { codes[i] = rng.Next(pool.Length); rb[i] = pool[codes[i]]; }
        var a = ba.Build();
        var b = new DictionaryVector(dictValues.Build(), codes, n);
        static int Utf8(string x, string y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
        foreach (var op in Ops.Where(o => o != ComparisonOp.EqualNullSafe))
        {
            var r = ComparisonKernels.Compare(op, a, b);
            var s = ComparisonKernels.CompareScalar(op, b, "b");
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(ComparisonKernels.Test(op, Utf8(ra[i], rb[i])) == 1, At(r, i));
                Assert.Equal(ComparisonKernels.Test(op, Utf8(rb[i], "b")) == 1, At(s, i));
            }
        }
    }

    [Fact]
    public void Doubles_Follow_Spark_Order_With_NaN()
    {
        Assert.Equal(0, ComparisonKernels.CompareFloat(double.NaN, double.NaN));
        Assert.Equal(1, ComparisonKernels.CompareFloat(double.NaN, double.PositiveInfinity));
        Assert.Equal(-1, ComparisonKernels.CompareFloat(1.0, double.NaN));
        Assert.Equal(0, ComparisonKernels.CompareFloat(-0.0, 0.0));
    }
}

public class LikeKernelsTests
{
    [Fact]
    public void Simple_Like_Matches_Regex_Path()
    {
        string[] values = ["", "a", "abc", "xabcx", "abcabc", "é", "aé", "ab"];
        string[] patterns = ["abc", "abc%", "%abc", "%abc%", "%", "%%", "a", "%é", ""];
        var b = new Kindling.Vectors.StringVectorBuilder();
        foreach (var v in values) b.Append(v);
        var vector = b.Build();
        foreach (var p in patterns)
        {
            var simple = Kindling.Kernels.Strings.StringKernels.LikeSimple(vector, p);
            Assert.NotNull(simple);
            var regex = Kindling.Kernels.Strings.StringKernels.Matches(vector, Kindling.Kernels.Strings.StringKernels.LikeToRegex(p));
            Assert.True(simple.Values.SequenceEqual(regex.Values), $"pattern '{p}'");
        }
        Assert.Null(Kindling.Kernels.Strings.StringKernels.LikeSimple(vector, "a_c"));
    }
}

/// <summary>The SIMD scalar-compare kernel against its scalar twin (style rule 4).</summary>
public class ComparisonSimdTwinTests
{
    [Fact]
    public void Vector256_Path_Equals_Scalar_Twin()
    {
        if (!System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated) return;
        var rng = new Random(99);
        foreach (var op in Enum.GetValues<ComparisonOp>())
        {
            for (int round = 0; round < 20; round++)
            {
                int n = rng.Next(0, 100);
                var ints = Enumerable.Range(0, n).Select(_ => rng.Next(-4, 5) * (rng.Next(10) == 0 ? int.MaxValue / 3 : 1)).ToArray();
                var longs = ints.Select(v => (long)v * (rng.Next(5) == 0 ? long.MaxValue / int.MaxValue : 1)).ToArray();
                int c = rng.Next(-4, 5);
                var simd = new byte[n];
                var scalar = new byte[n];
                int done = ComparisonKernels.OrderedScalarVector256(op, ints, c, simd);
                ComparisonKernels.OrderedScalarScalar(op, ints, c, scalar);
                Assert.Equal(scalar[..done], simd[..done]);
                done = ComparisonKernels.OrderedScalarVector256(op, longs, (long)c, simd);
                ComparisonKernels.OrderedScalarScalar(op, longs, (long)c, scalar);
                Assert.Equal(scalar[..done], simd[..done]);
            }
        }
    }
}
