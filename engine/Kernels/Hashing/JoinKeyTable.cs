using System.Runtime.CompilerServices;

namespace Kindling.Kernels.Hashing;

/// <summary>
/// A hash join's build keys to the row that holds each key first in the table: open addressing whose slots pack
/// the upper half of the key hash with a row number, the keys themselves staying in the build side's encoded
/// words (no copy). Several threads insert at once, each a range of rows, claiming an empty slot with one
/// compare-and-swap, so the build needs no partitioning and the probe looks up one table.
/// </summary>
internal sealed class JoinKeyTable
{
    private const ulong TagMask = 0xFFFF_FFFF_0000_0000UL;

    /// <summary>Up to this many slots (256 KiB) the table stays in a core's cache and lookups need no prefetch.</summary>
    private const int SmallTableSlots = 1 << 15;

    private readonly ulong[] _slots; // (hash >> 32) << 32 | (row + 1); 0 = empty
    private readonly int _mask;
    private readonly ulong[] _words;
    private readonly int _width;

    private JoinKeyTable(ulong[] words, int width, int rows)
    {
        int capacity = 1024;
        while (capacity < 2L * rows) capacity <<= 1;
        _slots = new ulong[capacity];
        _mask = capacity - 1;
        _words = words;
        _width = width;
    }

    public long MemoryBytes => _slots.Length * 8L + _words.Length * 8L;

    /// <summary>
    /// Inserts the keys of rows [0, <paramref name="rows"/>) (<paramref name="width"/> words each, hashed in
    /// <paramref name="hashes"/>) on <paramref name="threads"/> threads and writes, per row, the row whose slot holds its key
    /// (itself when it was first), or -1 for rows with <paramref name="skip"/> set. Returns whether any key repeats.
    /// </summary>
    public static (JoinKeyTable Table, bool Repeats) Build(ulong[] words, ulong[] hashes, int width, int rows, byte[] skip, int[] holder, int threads)
    {
        var table = new JoinKeyTable(words, width, rows);
        const int chunk = 1 << 16;
        int chunks = (rows + chunk - 1) / chunk;
        int repeats = 0;
        if (threads <= 1 || chunks <= 1) repeats = table.Insert(hashes, skip, holder, 0, rows, concurrent: false);
        else
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
            {
                int start = c * chunk;
                if (table.Insert(hashes, skip, holder, start, Math.Min(rows, start + chunk), concurrent: true) != 0) Volatile.Write(ref repeats, 1);
            });
        return (table, repeats != 0);
    }

    /// <summary>Inserts rows [start, end); returns 1 when one of their keys was already held.</summary>
    private int Insert(ulong[] hashes, byte[] skip, int[] holder, int start, int end, bool concurrent)
    {
        ulong[] slots = _slots;
        int mask = _mask, repeats = 0;
        bool large = slots.Length > SmallTableSlots;
        for (int r = start; r < end; r++)
        {
            if (large && r + CacheHint.Distance < end) CacheHint.Prefetch(ref slots[(int)hashes[r + CacheHint.Distance] & mask]);
            if (skip[r] != 0) { holder[r] = -1; continue; }
            ulong hash = hashes[r], tag = hash & TagMask, mine = tag | (uint)(r + 1);
            int slot = (int)hash & mask;
            while (true)
            {
                ulong entry = Volatile.Read(ref slots[slot]);
                if (entry == 0)
                {
                    if (!concurrent) { slots[slot] = mine; holder[r] = r; break; }
                    entry = Interlocked.CompareExchange(ref slots[slot], mine, 0);
                    if (entry == 0) { holder[r] = r; break; }
                    // Another thread took the slot first: compare with its key before moving on.
                }
                if ((entry & TagMask) == tag)
                {
                    int other = (int)(uint)entry - 1;
                    if (SameKey(_words, r, other)) { holder[r] = other; repeats = 1; break; }
                }
                slot = (slot + 1) & mask;
            }
        }
        return repeats;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SameKey(ulong[] probe, int probeRow, int row)
    {
        int width = _width;
        if (width == 1) return probe[probeRow] == _words[row];
        ReadOnlySpan<ulong> a = probe.AsSpan(probeRow * width, width), b = _words.AsSpan(row * width, width);
        for (int w = 0; w < width; w++)
            if (a[w] != b[w]) return false;
        return true;
    }

    /// <summary>Writes, per probe row, the build row whose slot holds its key, or -1 when absent or when <paramref name="skip"/> is set.</summary>
    public void Find(ulong[] words, ulong[] hashes, int rows, byte[] skip, int[] found)
    {
        ulong[] slots = _slots;
        int mask = _mask;
        bool large = slots.Length > SmallTableSlots;
        for (int i = 0; i < rows; i++)
        {
            if (large) PrefetchTwoStages(hashes, i, rows);
            if (skip[i] != 0) { found[i] = -1; continue; }
            ulong hash = hashes[i], tag = hash & TagMask;
            int slot = (int)hash & mask, row = -1;
            while (true)
            {
                ulong entry = slots[slot];
                if (entry == 0) break;
                if ((entry & TagMask) == tag)
                {
                    int candidate = (int)(uint)entry - 1;
                    if (SameKey(words, i, candidate)) { row = candidate; break; }
                }
                slot = (slot + 1) & mask;
            }
            found[i] = row;
        }
    }

    /// <summary>
    /// A lookup in a table past the cache misses twice: on the slot, then on the key it names. So the slot of the
    /// row 2D ahead is prefetched, and the key named by the (by now cached) first slot of the row D ahead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchTwoStages(ulong[] hashes, int i, int rows)
    {
        const int d = CacheHint.Distance;
        if (i + 2 * d < rows) CacheHint.Prefetch(ref _slots[(int)hashes[i + 2 * d] & _mask]);
        if (i + d < rows)
        {
            ulong ahead = _slots[(int)hashes[i + d] & _mask];
            if (ahead != 0) CacheHint.Prefetch(ref _words[((int)(uint)ahead - 1) * _width]);
        }
    }
}
