using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Kindling.Kernels.Hashing;

/// <summary>
/// Prefetching for hash probe loops: a loop hints the slot a probe some rows ahead will read, so the cache
/// misses of a table larger than the cache overlap instead of following one another.
/// </summary>
internal static class CacheHint
{
    /// <summary>How many rows ahead probe loops prefetch.</summary>
    public const int Distance = 8;

    /// <summary>Asks the CPU to bring <paramref name="location"/> into cache (a hint: it never faults, and does nothing without SSE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T location)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref location));
    }
}
