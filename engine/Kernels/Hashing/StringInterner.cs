using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Kindling.Kernels.Hashing;

/// <summary>
/// Maps distinct byte strings to dense ids 0, 1, 2, ... (an open-addressing table over offsets + bytes),
/// so that string keys group and join as fixed-width ints. Slots pack a 32-bit hash tag with the id, and
/// each id keeps its first 16 bytes as two words, so keys of up to 16 bytes compare as two words without
/// touching the byte buffer; longer ones compare by span.
/// </summary>
internal sealed class StringInterner
{
    private byte[] _bytes = new byte[4096];
    private int[] _offsets = new int[257];
    private ulong[] _hashes = new ulong[256];
    private ulong[] _prefixes = new ulong[256];
    private ulong[] _suffixes = new ulong[256]; // bytes 8..15, zero padded
    private ulong[] _slots = new ulong[512]; // (hash >> 32) << 32 | (id + 1); 0 = empty
    private int _mask = 511;
    private int _byteLength;

    public int Count { get; private set; }

    public long MemoryBytes => _bytes.Length + _offsets.Length * 4L + _hashes.Length * 24L + _slots.Length * 8L;

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

    /// <summary>Probes for the value; returns the slot where it is or would go, and its id or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Lookup(ReadOnlySpan<byte> value, ulong prefix, ulong suffix, ulong hash, out int id)
    {
        ulong tag = hash & 0xFFFF_FFFF_0000_0000UL;
        int slot = (int)hash & _mask;
        while (true)
        {
            ulong entry = _slots[slot];
            if (entry == 0) { id = -1; return slot; }
            if ((entry & 0xFFFF_FFFF_0000_0000UL) == tag)
            {
                int candidate = (int)(uint)entry - 1;
                if (_prefixes[candidate] == prefix && _suffixes[candidate] == suffix && _offsets[candidate + 1] - _offsets[candidate] == value.Length
                    && (value.Length <= 16 || value.SequenceEqual(Get(candidate))))
                {
                    id = candidate;
                    return slot;
                }
            }
            slot = (slot + 1) & _mask;
        }
    }

    private int Add(ReadOnlySpan<byte> value, ulong prefix, ulong suffix, ulong hash, int slot)
    {
        int id = Count;
        if (id == _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
            Array.Resize(ref _prefixes, _hashes.Length);
            Array.Resize(ref _suffixes, _hashes.Length);
            Array.Resize(ref _offsets, _hashes.Length + 1);
        }
        if (_byteLength + value.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_byteLength + value.Length, _bytes.Length * 2));
        value.CopyTo(_bytes.AsSpan(_byteLength));
        _byteLength += value.Length;
        _offsets[id + 1] = _byteLength;
        _hashes[id] = hash;
        _prefixes[id] = prefix;
        _suffixes[id] = suffix;
        _slots[slot] = (hash & 0xFFFF_FFFF_0000_0000UL) | (uint)(id + 1);
        Count = id + 1;
        if (Count * 2 > _slots.Length) Rehash();
        return id;
    }

    private void Rehash()
    {
        var slots = new ulong[_slots.Length * 2];
        int mask = slots.Length - 1;
        for (int id = 0; id < Count; id++)
        {
            ulong hash = _hashes[id];
            int slot = (int)hash & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000UL) | (uint)(id + 1);
        }
        _slots = slots;
        _mask = mask;
    }
}
