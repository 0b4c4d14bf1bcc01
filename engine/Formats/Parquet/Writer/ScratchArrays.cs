using System.Buffers;

namespace Kindling.Formats.Parquet.Writer;

/// <summary>
/// The Parquet writer's scratch arrays (a row group's values, levels, indices, pages and encoded chunks) come from
/// the shared array pool and go back when the writer is disposed. A job writes many files, and fresh arrays of
/// several megabytes for each would be faulted in and zeroed every time. Contents of a rented array are whatever
/// it last held: owners only read what they wrote.
/// </summary>
internal static class ScratchArrays
{
    public static T[] Rent<T>(int length) => length == 0 ? [] : ArrayPool<T>.Shared.Rent(length);

    /// <summary>Makes <paramref name="array"/> hold at least <paramref name="needed"/> items (doubling), keeping its first <paramref name="keep"/>.</summary>
    public static void Grow<T>(ref T[] array, int needed, int keep)
    {
        if (array.Length >= needed) return;
        T[] bigger = Rent<T>(Math.Max(needed, array.Length * 2));
        array.AsSpan(0, keep).CopyTo(bigger);
        Return(ref array);
        array = bigger;
    }

    /// <summary>Gives the array back to the pool (arrays from <see cref="Rent"/> only) and leaves an empty one in its place.</summary>
    public static void Return<T>(ref T[] array)
    {
        if (array.Length > 0) ArrayPool<T>.Shared.Return(array);
        array = [];
    }
}
