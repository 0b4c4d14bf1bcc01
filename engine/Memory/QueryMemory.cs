using Kindling.Vectors;

namespace Kindling.Memory;

/// <summary>
/// The memory one query's operators hold, against one limit (<c>spark.kindling.memoryLimit</c>): each operator
/// that keeps rows (a sort's buffer, a join's build side, a window's input) takes a <see cref="MemoryReservation"/>
/// and resizes it as it grows, so the limit bounds the query as a whole, not each operator on its own. A sort
/// that cannot grow spills; an operator that cannot spill fails with a message naming what holds the memory.
/// </summary>
internal sealed class QueryMemory
{
    private readonly List<MemoryReservation> _reservations = [];
    private long _reserved;

    public QueryMemory(long limitBytes)
    {
        if (limitBytes <= 0) throw new ArgumentOutOfRangeException(nameof(limitBytes), limitBytes, "the memory limit must be positive");
        LimitBytes = limitBytes;
    }

    public long LimitBytes { get; }

    /// <summary>Bytes held by all open reservations.</summary>
    public long ReservedBytes => Interlocked.Read(ref _reserved);

    /// <summary>Opens an empty reservation for <paramref name="consumer"/> (an operator's name); dispose it to give its bytes back.</summary>
    public MemoryReservation Reserve(string consumer)
    {
        var reservation = new MemoryReservation(this, consumer);
        lock (_reservations) _reservations.Add(reservation);
        return reservation;
    }

    /// <summary>Takes <paramref name="bytes"/> more if the limit allows it.</summary>
    internal bool TryGrow(long bytes)
    {
        long current = Interlocked.Read(ref _reserved);
        while (true)
        {
            if (current + bytes > LimitBytes) return false;
            long seen = Interlocked.CompareExchange(ref _reserved, current + bytes, current);
            if (seen == current) return true;
            current = seen;
        }
    }

    internal void Shrink(long bytes) => Interlocked.Add(ref _reserved, -bytes);

    internal void Forget(MemoryReservation reservation)
    {
        lock (_reservations) _reservations.Remove(reservation);
    }

    /// <summary>The largest holders, for error messages: "Sort 3.1 MiB, HashJoin 1 MiB".</summary>
    internal string DescribeHolders(int top = 3)
    {
        MemoryReservation[] holders;
        lock (_reservations) holders = [.. _reservations];
        var largest = holders.Where(r => r.Bytes > 0).OrderByDescending(r => r.Bytes).Take(top).ToList();
        return largest.Count == 0 ? "nothing else" : string.Join(", ", largest.Select(r => $"{r.Consumer} {BatchMemory.FormatMiB(r.Bytes)}"));
    }
}
