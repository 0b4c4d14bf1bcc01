using Kindling.Kernels.Sorting;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels.Sorting;

/// <summary>Normalized keys order exactly as the column comparer does (Spark's ordering), in both directions and null placements.</summary>
public sealed class NormalizedKeysTests
{
    private static void AgreesWithComparer(ColumnVector vector)
    {
        foreach (bool ascending in new[] { true, false })
            foreach (bool nullsFirst in new[] { true, false })
            {
                var comparer = ColumnComparer.Create(vector, ascending, nullsFirst);
                var keys = new ulong[vector.Length];
                var ranks = new byte[vector.Length];
                NormalizedKeys.Fill(vector, vector.Length, ascending, nullsFirst, keys, ranks);
                for (int i = 0; i < vector.Length; i++)
                    for (int j = 0; j < vector.Length; j++)
                    {
                        int ours = ranks[i] != ranks[j] ? ranks[i].CompareTo(ranks[j]) : keys[i].CompareTo(keys[j]);
                        Assert.True(Math.Sign(ours) == Math.Sign(comparer.Compare(i, j)), $"rows {i} and {j}, ascending={ascending}, nullsFirst={nullsFirst}");
                    }
            }
    }

    [Fact]
    public void Doubles_With_NaN_Signed_Zeros_Infinities_And_Nulls()
    {
        double[] values = [1.5, -0.0, 0.0, double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, -2.25, 3e300, -3e-300, 0, 7];
        var validity = Validity.AllValid(values.Length);
        Validity.SetNull(validity, 10);
        AgreesWithComparer(new PrimitiveVector<double>(ColumnType.Float64, values, values.Length, validity, 1));
    }

    [Fact]
    public void Longs_And_Ints_Across_The_Whole_Range()
    {
        long[] longs = [long.MinValue, -1, 0, 1, long.MaxValue, 42, -42, long.MinValue + 1];
        AgreesWithComparer(new PrimitiveVector<long>(ColumnType.Int64, longs, longs.Length));
        int[] ints = [int.MinValue, -1, 0, 1, int.MaxValue, 5, 5, -5];
        var validity = Validity.AllValid(ints.Length);
        Validity.SetNull(validity, 3);
        AgreesWithComparer(new PrimitiveVector<int>(ColumnType.Int32, ints, ints.Length, validity, 1));
    }

    [Fact]
    public void Floats_With_NaN_Zeros_And_Nulls()
    {
        float[] values = [1.5f, -0.0f, 0.0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -2.25f, 3e30f, 0, 7];
        var validity = Validity.AllValid(values.Length);
        Validity.SetNull(validity, 2);
        Validity.SetNull(validity, 9);
        AgreesWithComparer(new PrimitiveVector<float>(ColumnType.Float32, values, values.Length, validity, 2));
    }

    [Fact]
    public void Only_the_first_rows_are_written()
    {
        var vector = new PrimitiveVector<long>(ColumnType.Int64, [5, 6, 7], 3);
        var keys = new ulong[] { 1, 1, 1 };
        var ranks = new byte[] { 9, 9, 9 };
        NormalizedKeys.Fill(vector, 2, ascending: true, nullsFirst: true, keys, ranks);
        Assert.Equal(new byte[] { 1, 1, 9 }, ranks);
        Assert.Equal(1UL, keys[2]);
        Assert.True(keys[0] < keys[1]);
    }
}
