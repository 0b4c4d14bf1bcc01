using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Kindling.Kernels.Hashing;

/// <summary>
/// Maps distinct byte strings to dense ids 0, 1, 2, ... (an open-addressing table over offsets + bytes),
/// so that string keys group and join as fixed-width ints. Each slot holds a string's first 16 bytes as
/// two words, its length and its id, so a probe reads one slot: keys of up to 16 bytes compare there
/// without touching the byte buffer; longer ones then compare by span.
/// </summary>
internal sealed class StringInterner
{
    private byte[] _bytes = new byte[4096];
    private int[] _offsets = new int[257];
    private ulong[] _hashes = new ulong[256];
    private Slot[] _slots = new Slot[512];
    private int _mask = 511;

    /// <summary>A table slot: the string's bytes 0..7 and 8..15 (zero padded), its length, and its id + 1 (0 = empty).</summary>
    private struct Slot
    {
        public ulong Prefix;
        public ulong Suffix;
        public int Length;
        public int IdPlusOne;
    }
    private int _byteLength;

    public int Count { get; private set; }

    public long MemoryBytes => _bytes.Length + _offsets.Length * 4L + _hashes.Length * 8L + _slots.Length * 24L;

    /// <summary>The hash of string <paramref name="id"/>'s bytes: the same in every interner.</summary>
    public ulong HashOf(int id) => _hashes[id];

    public ReadOnlySpan<byte> Get(int id) => _bytes.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>The first (up to) 8 bytes of a value as a little-endian word, zero padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Prefix(ReadOnlySpan<byte> value)
    {
        if (value.Length >= 8) return BinaryPrimitives.ReadUInt64LittleEndian(value);
        ulong word = 0;
        for (int i = value.Length - 1; i >= 0; i--) word = (word << 8) | value[i];
        return word;
    }

    /// <summary>Bytes 8..15 of a value as a little-endian word, zero padded (0 when it is at most 8 bytes long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Suffix(ReadOnlySpan<byte> value) => value.Length <= 8 ? 0 : Prefix(value[8..]);

    /// <summary>Hash of a byte string: its prefix word, its length and the remaining bytes 8 at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ReadOnlySpan<byte> value, ulong prefix, ulong suffix)
    {
        ulong h = KeyHash.Mix(prefix ^ ((ulong)value.Length * KeyHash.Seed));
        if (value.Length <= 8) return h;
        h = KeyHash.Combine(h, suffix);
        if (value.Length <= 16) return h;
        int i = 16;
        for (; i + 8 <= value.Length; i += 8) h = KeyHash.Combine(h, BinaryPrimitives.ReadUInt64LittleEndian(value[i..]));
        if (i < value.Length) h = KeyHash.Combine(h, Prefix(value[i..]));
        return h;
    }

    /// <summary>The id of <paramref name="value"/>, adding it when new.</summary>
    public int Intern(ReadOnlySpan<byte> value)
    {
        ulong prefix = Prefix(value), suffix = Suffix(value);
        ulong hash = Hash(value, prefix, suffix);
        int slot = Lookup(value, prefix, suffix, hash, out int id);
        return id >= 0 ? id : Add(value, prefix, suffix, hash, slot);
    }

    /// <summary>The id of <paramref name="value"/>, or -1 when it was never interned.</summary>
    public int Find(ReadOnlySpan<byte> value)
    {
        ulong prefix = Prefix(value), suffix = Suffix(value);
        Lookup(value, prefix, suffix, Hash(value, prefix, suffix), out int id);
        return id;
    }

    /// <summary>Up to this many slots (24 bytes each: 192 KiB) the table stays in a core's cache and probes need no prefetch.</summary>
    private const int SmallTableSlots = 1 << 13;

    private ulong[] _batchWords = [];

    /// <summary>
    /// The ids of rows [0, count) of strings given as offsets + bytes (null rows, per <paramref name="validity"/>,
    /// get -1 and are not interned; with <paramref name="lookupOnly"/> unknown strings get -1 too). All hashes are
    /// computed first; then each probe prefetches the slot of a row a few ahead, so the table's cache misses overlap.
    /// </summary>
    public void InternAll(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, byte[]? validity, int count, Span<int> ids, bool lookupOnly)
    {
        if (_slots.Length <= SmallTableSlots)
        {
            // A table this small stays in cache: one pass, no prefetching.
            for (int i = 0; i < count; i++)
            {
                if (validity is not null && !Vectors.Validity.IsValid(validity, i)) { ids[i] = -1; continue; }
                ReadOnlySpan<byte> value = bytes.Slice(offsets[i], offsets[i + 1] - offsets[i]);
                ids[i] = lookupOnly ? Find(value) : Intern(value);
            }
            return;
        }
        if (_batchWords.Length < count * 3) _batchWords = new ulong[count * 3];
        Span<ulong> words = _batchWords.AsSpan(0, count * 3); // prefix, suffix, hash per row
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> value = bytes.Slice(offsets[i], offsets[i + 1] - offsets[i]);
            ulong prefix = Prefix(value), suffix = Suffix(value);
            words[3 * i] = prefix;
            words[3 * i + 1] = suffix;
            words[3 * i + 2] = Hash(value, prefix, suffix);
        }
        for (int i = 0; i < count; i++)
        {
            if (i + CacheHint.Distance < count) CacheHint.Prefetch(ref _slots[(int)words[3 * (i + CacheHint.Distance) + 2] & _mask]);
            if (validity is not null && !Vectors.Validity.IsValid(validity, i)) { ids[i] = -1; continue; }
            ReadOnlySpan<byte> value = bytes.Slice(offsets[i], offsets[i + 1] - offsets[i]);
            ulong hash = words[3 * i + 2];
            int slot = Lookup(value, words[3 * i], words[3 * i + 1], hash, out int id);
            ids[i] = id >= 0 || lookupOnly ? id : Add(value, words[3 * i], words[3 * i + 1], hash, slot);
        }
    }

    /// <summary>Probes for the value; returns the slot where it is or would go, and its id or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Lookup(ReadOnlySpan<byte> value, ulong prefix, ulong suffix, ulong hash, out int id)
    {
        Slot[] slots = _slots;
        int mask = _mask;
        int index = (int)hash & mask;
        while (true)
        {
            ref Slot slot = ref slots[index];
            if (slot.IdPlusOne == 0) { id = -1; return index; }
            if (slot.Prefix == prefix && slot.Suffix == suffix && slot.Length == value.Length
                && (value.Length <= 16 || value.SequenceEqual(Get(slot.IdPlusOne - 1))))
            {
                id = slot.IdPlusOne - 1;
                return index;
            }
            index = (index + 1) & mask;
        }
    }

    private int Add(ReadOnlySpan<byte> value, ulong prefix, ulong suffix, ulong hash, int slot)
    {
        int id = Count;
        if (id == _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
            Array.Resize(ref _offsets, _hashes.Length + 1);
        }
        if (_byteLength + value.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_byteLength + value.Length, _bytes.Length * 2));
        value.CopyTo(_bytes.AsSpan(_byteLength));
        _byteLength += value.Length;
        _offsets[id + 1] = _byteLength;
        _hashes[id] = hash;
        _slots[slot] = new Slot { Prefix = prefix, Suffix = suffix, Length = value.Length, IdPlusOne = id + 1 };
        Count = id + 1;
        if (Count * 2 > _slots.Length) Rehash();
        return id;
    }

    private void Rehash()
    {
        var slots = new Slot[_slots.Length * 2];
        int mask = slots.Length - 1;
        foreach (ref readonly Slot old in _slots.AsSpan())
        {
            if (old.IdPlusOne == 0) continue;
            int index = (int)_hashes[old.IdPlusOne - 1] & mask;
            while (slots[index].IdPlusOne != 0) index = (index + 1) & mask;
            slots[index] = old;
        }
        _slots = slots;
        _mask = mask;
    }
}
