using Kindling.Memory;
using Xunit;

namespace Kindling.Engine.Tests.Memory;

public class ZeroedArrayTests
{
    [Theory]
    [InlineData(10)]          // below the size where the array is touched by hand
    [InlineData(1 << 20)]     // 8 MiB of longs: allocated uninitialized, then cleared
    public void New_arrays_are_all_zeros_even_where_the_GC_reuses_dirty_memory(int length)
    {
        for (int round = 0; round < 4; round++)
        {
            // Dirty memory the GC can hand out again once these arrays are collected.
            for (int i = 0; i < 4; i++) GC.AllocateUninitializedArray<long>(length).AsSpan().Fill(-1);
            GC.Collect();
            long[] array = ZeroedArray.Allocate<long>(length);
            Assert.Equal(length, array.Length);
            Assert.Equal(-1, array.AsSpan().IndexOfAnyExcept(0L));
        }
    }

    [Fact]
    public void Resize_keeps_the_values_and_zeros_the_new_tail()
    {
        long[] array = new long[100_000];
        for (int i = 0; i < array.Length; i++) array[i] = i + 1;
        GC.AllocateUninitializedArray<long>(300_000).AsSpan().Fill(-1);
        ZeroedArray.Resize(ref array, 250_000);
        Assert.Equal(250_000, array.Length);
        for (int i = 0; i < 100_000; i++) Assert.Equal(i + 1, array[i]);
        Assert.Equal(-1, array.AsSpan(100_000).IndexOfAnyExcept(0L));
    }

    [Fact]
    public void Resize_to_fewer_entries_keeps_the_prefix()
    {
        int[] array = [1, 2, 3, 4, 5];
        ZeroedArray.Resize(ref array, 3);
        Assert.Equal([1, 2, 3], array);
    }
}
