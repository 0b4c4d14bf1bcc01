using System.Runtime.CompilerServices;

namespace Kindling.Memory;

/// <summary>
/// Zeroed arrays whose pages are first touched by a write. The GC hands large arrays out of fresh OS memory
/// without touching it; a kernel that reads a slot before writing it (a hash probe, <c>sums[g] += x</c>) then maps
/// the shared zero page and takes a second, copy-on-write fault, whose TLB flush interrupts every other core.
/// Clearing the array ourselves costs one write fault per page and no cross-core flush.
/// </summary>
internal static class ZeroedArray
{
    // Below this the array comes from the GC's already-touched allocation context anyway.
    private const int TouchFromBytes = 64 * 1024;

    /// <summary>A new array of <paramref name="length"/> zeros.</summary>
    public static T[] Allocate<T>(int length)
    {
        if ((long)length * Unsafe.SizeOf<T>() < TouchFromBytes) return new T[length];
        // (Arrays of references always come zeroed; clearing again is the write that matters.)
        var array = GC.AllocateUninitializedArray<T>(length);
        array.AsSpan().Clear();
        return array;
    }

    /// <summary>Replaces <paramref name="array"/> by one of <paramref name="length"/> entries that starts with its values and ends in zeros.</summary>
    public static void Resize<T>(ref T[] array, int length)
    {
        var resized = Allocate<T>(length);
        array.AsSpan(0, Math.Min(array.Length, length)).CopyTo(resized);
        array = resized;
    }
}
