using Kindling.Kernels.Sorting;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels.Sorting;

public sealed class RowSorterTests
{
    private static ColumnBatch Longs(long[] values) =>
        new(new Schema([new Field("k", ColumnType.Int64, false)]), [new PrimitiveVector<long>(ColumnType.Int64, values, values.Length)], values.Length);

    [Fact]
    public void Input_Already_In_Order_Keeps_Its_Order_Including_Ties()
    {
        long[] values = [.. Enumerable.Range(0, 100_000).Select(i => (long)(i / 3))];
        var perm = RowSorter.SortedPermutation(Longs(values), [(0, true, true)], 2);
        Assert.Equal(Enumerable.Range(0, values.Length), perm);
    }

    [Fact]
    public void One_Pair_Out_Of_Order_At_The_End_Is_Still_Sorted_Stably()
    {
        long[] values = [.. Enumerable.Range(0, 50_000).Select(i => (long)i), 7L, 7L];
        var perm = RowSorter.SortedPermutation(Longs(values), [(0, true, true)], 2);
        var sorted = perm.Select(i => values[i]).ToArray();
        Assert.Equal(values.Order(), sorted);
        // Equal keys keep their input order: the original 7 (row 7) first, then rows 50,000 and 50,001.
        Assert.Equal([7, 50_000, 50_001], perm.Where(i => values[i] == 7L));
        var descending = RowSorter.SortedPermutation(Longs(values), [(0, false, true)], 2);
        Assert.Equal(values.OrderDescending(), descending.Select(i => values[i]));
    }
}
