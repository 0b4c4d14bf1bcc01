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
                for (int i = 0; i < vector.Length; i++)
                    for (int j = 0; j < vector.Length; j++)
                    {
                        ulong a = NormalizedKeys.Key(vector, i, ascending, nullsFirst, out byte ra);
                        ulong b = NormalizedKeys.Key(vector, j, ascending, nullsFirst, out byte rb);
                        int ours = ra != rb ? ra.CompareTo(rb) : a.CompareTo(b);
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
}
