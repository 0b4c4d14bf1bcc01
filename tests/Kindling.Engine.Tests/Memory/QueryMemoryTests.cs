using Kindling.Memory;

namespace Kindling.Engine.Tests.Memory;

public sealed class QueryMemoryTests
{
    [Fact]
    public void Reservations_Add_Up_Against_One_Limit()
    {
        var memory = new QueryMemory(1000);
        using var sort = memory.Reserve("Sort");
        using var join = memory.Reserve("HashJoin build side");
        Assert.True(sort.TryResize(600));
        Assert.False(join.TryResize(500)); // 600 + 500 > 1000
        Assert.Equal(0, join.Bytes);
        Assert.True(join.TryResize(400));
        Assert.Equal(1000, memory.ReservedBytes);
        Assert.True(sort.TryResize(100)); // shrinking always succeeds
        Assert.True(join.TryResize(900));
        Assert.Equal(1000, memory.ReservedBytes);
    }

    [Fact]
    public void Disposing_Gives_The_Bytes_Back()
    {
        var memory = new QueryMemory(1000);
        var window = memory.Reserve("Window");
        window.Resize(700, "filter first");
        window.Dispose();
        window.Dispose(); // twice is harmless
        Assert.Equal(0, memory.ReservedBytes);
        using var other = memory.Reserve("Sort");
        Assert.True(other.TryResize(1000));
        Assert.Throws<ObjectDisposedException>(() => window.TryResize(1));
    }

    [Fact]
    public void Resize_Past_The_Limit_Names_The_Operator_The_Holders_And_The_Setting()
    {
        var memory = new QueryMemory(3L << 20);
        using var window = memory.Reserve("Window");
        window.Resize(2L << 20, "unused");
        using var join = memory.Reserve("HashJoin build side");
        var e = Assert.Throws<InsufficientMemoryException>(() => join.Resize(3L << 19, "put the smaller input on the right"));
        Assert.StartsWith("HashJoin build side ran out of memory: it needs 1.5 MiB", e.Message, StringComparison.Ordinal);
        Assert.Contains("(Window 2 MiB)", e.Message, StringComparison.Ordinal);
        Assert.Contains("3 MiB query memory limit", e.Message, StringComparison.Ordinal);
        Assert.Contains("Raise spark.kindling.memoryLimit or put the smaller input on the right.", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, join.Bytes);
        Assert.Equal(2L << 20, memory.ReservedBytes);
    }

    [Fact]
    public void Concurrent_Growth_Never_Passes_The_Limit()
    {
        const long limit = 1_000_000;
        var memory = new QueryMemory(limit);
        long peak = 0;
        Parallel.For(0, 8, _ =>
        {
            using var r = memory.Reserve("worker");
            for (int i = 0; i < 20_000; i++)
            {
                if (r.TryResize(r.Bytes + 997))
                {
                    long now = memory.ReservedBytes;
                    long seen;
                    while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
                }
                else r.TryResize(0);
            }
        });
        Assert.InRange(peak, 1, limit);
        Assert.Equal(0, memory.ReservedBytes);
    }

    [Fact]
    public void A_Limit_Must_Be_Positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueryMemory(0));
        using var r = new QueryMemory(10).Reserve("x");
        Assert.Throws<ArgumentOutOfRangeException>(() => r.TryResize(-1));
    }
}
