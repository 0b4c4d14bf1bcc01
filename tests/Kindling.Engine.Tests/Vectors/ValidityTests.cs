using Kindling.Vectors;

namespace Kindling.Engine.Tests.Vectors;

/// <summary>Arrow validity bitmaps: LSB-first bits, whole 64-bit words, null counts; builders allocate no bitmap without nulls.</summary>
public sealed class ValidityTests
{
    [Fact]
    public void Bits_are_least_significant_first()
    {
        var bits = Validity.AllValid(10);
        Assert.Equal(8, bits.Length);
        Validity.SetNull(bits, 1);
        Validity.SetNull(bits, 9);
        Assert.Equal(0b1111_1101, bits[0]);
        Assert.Equal(0b1111_1101, bits[1]);
        Assert.Equal(2, Validity.CountNulls(bits, 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Null_counts_match_a_reference(int length)
    {
        var rng = new Random(length);
        var bits = Validity.AllValid(length);
        int expected = 0;
        for (int i = 0; i < length; i++)
            if (rng.Next(3) == 0) { Validity.SetNull(bits, i); expected++; }
        Assert.Equal(expected, Validity.CountNulls(bits, length));
    }

    [Fact]
    public void Builders_skip_the_bitmap_until_a_null()
    {
        var b = new PrimitiveVectorBuilder<int>(ColumnType.Int32);
        for (int i = 0; i < 100; i++) b.Append(i);
        Assert.Null(b.Build().ValidityBits);
        var withNull = new PrimitiveVectorBuilder<int>(ColumnType.Int32);
        for (int i = 0; i < 100; i++) { if (i == 70) withNull.AppendNull(); else withNull.Append(i); }
        var v = withNull.Build();
        Assert.Equal(1, v.NullCount);
        Assert.True(v.IsNull(70));
        Assert.False(v.IsNull(69));
    }
}
