using Kindling.Memory;
using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>
/// The running states of one aggregate for every group, in flat arrays indexed by group id. One
/// virtual call per batch; the loops inside are typed per function and input type.
/// </summary>
internal abstract class AggregateState
{
    /// <summary>Makes room for group ids below <paramref name="groups"/>.</summary>
    public abstract void EnsureCapacity(int groups);

    /// <summary>Folds rows [0, rows) of <paramref name="batch"/> into the groups <paramref name="groupIds"/> name.</summary>
    public abstract void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows);

    /// <summary>Folds the states of <paramref name="other"/> (same function and input) into this: its group source[k] goes to target[k].</summary>
    public abstract void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target);

    /// <summary>A group map (other's group g goes to map[g], -1 = not merged here) for states that walk their own entries.</summary>
    protected static int[] GroupMap(int groups, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var map = new int[groups];
        Array.Fill(map, -1);
        for (int k = 0; k < source.Length; k++) map[source[k]] = target[k];
        return map;
    }

    /// <summary>The results of groups [start, start + count).</summary>
    public abstract ColumnVector Finish(int start, int count);

    /// <summary>Approximate bytes held.</summary>
    public abstract long MemoryBytes { get; }

    /// <summary>Grows <paramref name="array"/> to hold at least <paramref name="groups"/> entries (doubling).</summary>
    protected static void Grow<T>(ref T[] array, int groups)
    {
        if (array.Length >= groups) return;
        int size = Math.Max(16, array.Length);
        while (size < groups) size *= 2;
        ZeroedArray.Resize(ref array, size);
    }

    /// <summary>A validity bitmap for groups [start, start + count) where <paramref name="hasValue"/> is 0, or null when none is.</summary>
    protected static byte[]? NullsWhereZero(ReadOnlySpan<byte> hasValue, int start, int count, out int nulls)
    {
        byte[]? bits = null;
        nulls = 0;
        for (int i = 0; i < count; i++)
        {
            if (hasValue[start + i] != 0) continue;
            bits ??= Validity.AllValid(count);
            Validity.SetNull(bits, i);
            nulls++;
        }
        return bits;
    }
}
