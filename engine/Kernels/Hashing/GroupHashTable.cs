using System.Runtime.CompilerServices;
using Kindling.Memory;

namespace Kindling.Kernels.Hashing;

/// <summary>
/// An open-addressing (linear probing) hash table from fixed-width keys of <see cref="Width"/> 64-bit words
/// to dense group ids. Keys are stored row-major in one flat array indexed by group id; each slot packs the
/// upper 32 bits of the hash with the group id, so most mismatches are rejected without touching the keys.
/// </summary>
internal sealed class GroupHashTable
{
    private ulong[] _keys;
    private ulong[] _hashes;
    private ulong[] _slots; // (hash >> 32) << 32 | (groupId + 1); 0 = empty
    private int _mask;

    public GroupHashTable(int width, int initialCapacity = 1024)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "a key has at least one word");
        Width = width;
        int capacity = 1024;
        while (capacity < initialCapacity * 2) capacity <<= 1;
        _slots = ZeroedArray.Allocate<ulong>(capacity);
        _mask = capacity - 1;
        // Room for the expected groups only (the slots keep the load at most one half; keys grow when exceeded).
        int groups = Math.Max(512, initialCapacity);
        _keys = new ulong[groups * width];
        _hashes = new ulong[groups];
    }

    public int Width { get; }

    public int Count { get; private set; }

    public long MemoryBytes => _slots.Length * 8L + _keys.Length * 8L + _hashes.Length * 8L;

    /// <summary>Forgets every group, keeping the arrays for the next ones.</summary>
    public void Clear()
    {
        Array.Clear(_slots);
        Count = 0;
    }

    /// <summary>The key words of group <paramref name="group"/>.</summary>
    public ReadOnlySpan<ulong> Key(int group) => _keys.AsSpan(group * Width, Width);

    /// <summary>All keys, row-major, for the first <see cref="Count"/> groups.</summary>
    public ReadOnlySpan<ulong> Keys => _keys.AsSpan(0, Count * Width);

    /// <summary>The hashes of the first <see cref="Count"/> groups.</summary>
    public ReadOnlySpan<ulong> Hashes => _hashes.AsSpan(0, Count);

    /// <summary>Looks up or inserts each of <paramref name="rows"/> keys and writes its group id.</summary>
    public void FindOrInsert(ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> hashes, int rows, Span<int> groupIds)
    {
        if (Width == 1) { FindOrInsert1(words, hashes, rows, groupIds); return; }
        int width = Width;
        for (int i = 0; i < rows; i++)
        {
            if (i + CacheHint.Distance < rows) Prefetch(hashes[i + CacheHint.Distance]);
            ulong hash = hashes[i];
            ReadOnlySpan<ulong> key = words.Slice(i * width, width);
            ulong tag = hash & 0xFFFF_FFFF_0000_0000UL;
            int slot = (int)hash & _mask;
            while (true)
            {
                ulong entry = _slots[slot];
                if (entry == 0)
                {
                    groupIds[i] = Insert(key, hash, slot);
                    break;
                }
                if ((entry & 0xFFFF_FFFF_0000_0000UL) == tag)
                {
                    int g = (int)(uint)entry - 1;
                    if (SameKey(key, _keys, g * width)) { groupIds[i] = g; break; }
                }
                slot = (slot + 1) & _mask;
            }
        }
    }

    private void FindOrInsert1(ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> hashes, int rows, Span<int> groupIds)
    {
        ulong[] slots = _slots;
        ulong[] keys = _keys;
        int mask = _mask;
        for (int i = 0; i < rows; i++)
        {
            if (i + CacheHint.Distance < rows) Prefetch(hashes[i + CacheHint.Distance]);
            ulong hash = hashes[i];
            ulong key = words[i];
            ulong tag = hash & 0xFFFF_FFFF_0000_0000UL;
            int slot = (int)hash & mask;
            while (true)
            {
                ulong entry = slots[slot];
                if (entry == 0)
                {
                    groupIds[i] = Insert(words.Slice(i, 1), hash, slot);
                    slots = _slots; keys = _keys; mask = _mask;
                    break;
                }
                if ((entry & 0xFFFF_FFFF_0000_0000UL) == tag)
                {
                    int g = (int)(uint)entry - 1;
                    if (keys[g] == key) { groupIds[i] = g; break; }
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    /// <summary>Prefetches the slot a hash probes first, once the table outgrows the cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Prefetch(ulong hash)
    {
        if (_slots.Length > SmallTableSlots) CacheHint.Prefetch(ref _slots[(int)hash & _mask]);
    }

    /// <summary>
    /// Lookups in a table past the cache miss twice per row: on the slot, then on the key it names. So the slot of
    /// the row 2D ahead is prefetched, and the key named by the (by now cached) first slot of the row D ahead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchTwoStages(ReadOnlySpan<ulong> hashes, int i, int rows, int width)
    {
        const int d = CacheHint.Distance;
        if (i + 2 * d < rows) CacheHint.Prefetch(ref _slots[(int)hashes[i + 2 * d] & _mask]);
        if (i + d < rows)
        {
            ulong ahead = _slots[(int)hashes[i + d] & _mask];
            if (ahead != 0) CacheHint.Prefetch(ref _keys[((int)(uint)ahead - 1) * width]);
        }
    }

    /// <summary>Up to this many slots (256 KiB) the table stays in a core's cache and probes need no prefetch.</summary>
    private const int SmallTableSlots = 1 << 15;

    /// <summary>Whether <paramref name="key"/> equals the stored key at <paramref name="start"/>: a few words, compared inline (a
    /// SequenceEqual call per probe cost more than the compare).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameKey(ReadOnlySpan<ulong> key, ulong[] keys, int start)
    {
        ReadOnlySpan<ulong> stored = keys.AsSpan(start, key.Length);
        for (int w = 0; w < key.Length; w++)
            if (key[w] != stored[w]) return false;
        return true;
    }

    /// <summary>Looks up each key; writes its group id or -1 when absent. Rows with <paramref name="skip"/>[i] != 0 get -1.</summary>
    public void Find(ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> hashes, int rows, ReadOnlySpan<byte> skip, Span<int> groupIds)
    {
        if (Width == 1) { Find1(words, hashes, rows, skip, groupIds); return; }
        int width = Width;
        bool large = _slots.Length > SmallTableSlots;
        for (int i = 0; i < rows; i++)
        {
            if (large) PrefetchTwoStages(hashes, i, rows, width);
            if (skip[i] != 0) { groupIds[i] = -1; continue; }
            ulong hash = hashes[i];
            ReadOnlySpan<ulong> key = words.Slice(i * width, width);
            ulong tag = hash & 0xFFFF_FFFF_0000_0000UL;
            int slot = (int)hash & _mask;
            int found = -1;
            while (true)
            {
                ulong entry = _slots[slot];
                if (entry == 0) break;
                if ((entry & 0xFFFF_FFFF_0000_0000UL) == tag)
                {
                    int g = (int)(uint)entry - 1;
                    if (SameKey(key, _keys, g * width)) { found = g; break; }
                }
                slot = (slot + 1) & _mask;
            }
            groupIds[i] = found;
        }
    }

    private void Find1(ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> hashes, int rows, ReadOnlySpan<byte> skip, Span<int> groupIds)
    {
        ulong[] slots = _slots;
        ulong[] keys = _keys;
        int mask = _mask;
        bool large = slots.Length > SmallTableSlots;
        for (int i = 0; i < rows; i++)
        {
            if (large) PrefetchTwoStages(hashes, i, rows, 1);
            if (skip[i] != 0) { groupIds[i] = -1; continue; }
            ulong hash = hashes[i];
            ulong key = words[i];
            ulong tag = hash & 0xFFFF_FFFF_0000_0000UL;
            int slot = (int)hash & mask;
            int found = -1;
            while (true)
            {
                ulong entry = slots[slot];
                if (entry == 0) break;
                if ((entry & 0xFFFF_FFFF_0000_0000UL) == tag)
                {
                    int g = (int)(uint)entry - 1;
                    if (keys[g] == key) { found = g; break; }
                }
                slot = (slot + 1) & mask;
            }
            groupIds[i] = found;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Insert(ReadOnlySpan<ulong> key, ulong hash, int slot)
    {
        int g = Count;
        if (g == _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
            Array.Resize(ref _keys, _keys.Length * 2);
        }
        key.CopyTo(_keys.AsSpan(g * Width));
        _hashes[g] = hash;
        _slots[slot] = (hash & 0xFFFF_FFFF_0000_0000UL) | (uint)(g + 1);
        Count = g + 1;
        if (Count * 2 > _slots.Length) Rehash();
        return g;
    }

    private void Rehash()
    {
        var slots = ZeroedArray.Allocate<ulong>(_slots.Length * 2);
        int mask = slots.Length - 1;
        for (int g = 0; g < Count; g++)
        {
            ulong hash = _hashes[g];
            int slot = (int)hash & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000UL) | (uint)(g + 1);
        }
        _slots = slots;
        _mask = mask;
    }
}
