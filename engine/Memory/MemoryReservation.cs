using Kindling.Vectors;

namespace Kindling.Memory;

/// <summary>
/// What one operator holds of its query's <see cref="QueryMemory"/>. Not thread-safe: one operator instance
/// resizes it from one thread at a time. Disposing gives every byte back.
/// </summary>
internal sealed class MemoryReservation : IDisposable
{
    private readonly QueryMemory _memory;
    private bool _disposed;

    internal MemoryReservation(QueryMemory memory, string consumer)
    {
        _memory = memory;
        Consumer = consumer;
    }

    public string Consumer { get; }

    public long Bytes { get; private set; }

    /// <summary>Sets the reservation to <paramref name="bytes"/>; false (and unchanged) when growing would pass the query's limit.</summary>
    public bool TryResize(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        long delta = bytes - Bytes;
        if (delta > 0 && !_memory.TryGrow(delta)) return false;
        if (delta < 0) _memory.Shrink(-delta);
        Bytes = bytes;
        return true;
    }

    /// <summary>Sets the reservation to <paramref name="bytes"/>, or throws <see cref="InsufficientMemoryException"/> naming this
    /// operator, the limit, the other holders and <paramref name="advice"/> (what helps besides a larger limit).</summary>
    public void Resize(long bytes, string advice)
    {
        if (TryResize(bytes)) return;
        string others = _memory.DescribeHolders();
        throw new InsufficientMemoryException(
            $"{Consumer} ran out of memory: it needs {BatchMemory.FormatMiB(bytes)}, and with what the query holds already " +
            $"({others}) that passes the {BatchMemory.FormatMiB(_memory.LimitBytes)} query memory limit. " +
            $"Raise spark.kindling.memoryLimit or {advice}.");
    }

    public void Dispose()
    {
        if (_disposed) return;
        if (Bytes > 0) _memory.Shrink(Bytes);
        Bytes = 0;
        _disposed = true;
        _memory.Forget(this);
    }
}
