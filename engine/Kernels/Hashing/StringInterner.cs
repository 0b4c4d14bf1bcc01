using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Kindling.Memory;

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

    /// <summary>
    /// The prefix and suffix words of the value at <paramref name="bytes"/>[start..start+length): two unaligned
    /// 8-byte loads, masked to the value's length, when 16 bytes can be read from its start (the common case
    /// in a column's byte buffer); byte by byte otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Words(ReadOnlySpan<byte> bytes, int start, int length, out ulong prefix, out ulong suffix)
    {
        if ((uint)start + 16u <= (uint)bytes.Length)
        {
            ref byte first = ref Unsafe.Add(ref MemoryMarshal.GetReference(bytes), start);
            ulong low = Unsafe.ReadUnaligned<ulong>(ref first);
            ulong high = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, 8));
            if (!BitConverter.IsLittleEndian) { low = BinaryPrimitives.ReverseEndianness(low); high = BinaryPrimitives.ReverseEndianness(high); }
            prefix = length >= 8 ? low : low & ((1UL << (length * 8)) - 1);
            suffix = length >= 16 ? high : length <= 8 ? 0 : high & ((1UL << ((length - 8) * 8)) - 1);
            return;
        }
        ReadOnlySpan<byte> value = bytes.Slice(start, length);
        prefix = Prefix(value);
        suffix = Suffix(value);
    }

    /// <summary>Hash of a byte string: its prefix word, its length and the remaining bytes 8 at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ReadOnlySpan<byte> value, ulong prefix, ulong suffix)
    {
        if (value.Length <= 16) return ShortHash(prefix, suffix, value.Length);
        ulong h = KeyHash.Combine(KeyHash.Mix(prefix ^ ((ulong)value.Length * KeyHash.Seed)), suffix);
        int i = 16;
        for (; i + 8 <= value.Length; i += 8) h = KeyHash.Combine(h, BinaryPrimitives.ReadUInt64LittleEndian(value[i..]));
        if (i < value.Length) h = KeyHash.Combine(h, Prefix(value[i..]));
        return h;
    }

    /// <summary>The hash of a value of at most 16 bytes, from its two words (the first steps of <see cref="Hash"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShortHash(ulong prefix, ulong suffix, int length)
    {
        ulong h = KeyHash.Mix(prefix ^ ((ulong)length * KeyHash.Seed));
        return length <= 8 ? h : KeyHash.Combine(h, suffix);
    }

    /// <summary>The id of <paramref name="value"/>, adding it when new.</summary>
    public int Intern(ReadOnlySpan<byte> value) => FindOrAdd(value, lookupOnly: false);

    /// <summary>The id of <paramref name="value"/>, or -1 when it was never interned.</summary>
    public int Find(ReadOnlySpan<byte> value) => FindOrAdd(value, lookupOnly: true);

    private int FindOrAdd(ReadOnlySpan<byte> value, bool lookupOnly)
    {
        ulong prefix = Prefix(value), suffix = Suffix(value);
        return FindOrAdd(value, prefix, suffix, Hash(value, prefix, suffix), lookupOnly);
    }

    /// <summary>The full probe, out of the batch loops: the value's id, adding it when new unless <paramref name="lookupOnly"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FindOrAdd(ReadOnlySpan<byte> value, ulong prefix, ulong suffix, ulong hash, bool lookupOnly)
    {
        int slot = Lookup(value, prefix, suffix, hash, out int id);
        return id >= 0 || lookupOnly ? id : Add(value, prefix, suffix, hash, slot);
    }

    /// <summary>Up to this many slots (24 bytes each: 192 KiB) the table stays in a core's cache and probes need no prefetch.</summary>
    private const int SmallTableSlots = 1 << 13;

    /// <summary>Below this many slots (96 KiB) a table grows at 1/8 full, so nearly every key sits in its home slot.</summary>
    private const int SparseSlots = 1 << 12;

    private ulong[] _batchWords = [];

    /// <summary>
    /// The ids of rows [0, count) of strings given as offsets + bytes (null rows, per <paramref name="validity"/>,
    /// get -1 and are not interned; with <paramref name="lookupOnly"/> unknown strings get -1 too).
    /// </summary>
    public void InternAll(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, byte[]? validity, int count, Span<int> ids, bool lookupOnly)
    {
        if (offsets.Length <= count || ids.Length < count) throw new ArgumentException("fewer offsets or ids than rows");
        if (_slots.Length <= SmallTableSlots) InternInCache(offsets, bytes, validity, count, ids, lookupOnly);
        else InternWithPrefetch(offsets, bytes, validity, count, ids, lookupOnly);
    }

    /// <summary>
    /// A table that stays in a core's cache: one pass. A key of up to 16 bytes that sits in its home slot (nearly
    /// all of them, the table being sparse) is found by one slot compare; anything else takes the full probe.
    /// </summary>
    private void InternInCache(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, byte[]? validity, int count, Span<int> ids, bool lookupOnly)
    {
        ref int offset = ref MemoryMarshal.GetReference(offsets);
        ref int id = ref MemoryMarshal.GetReference(ids);
        uint wordEnd = (uint)Math.Max(0, bytes.Length - 16); // a start at or below this can load 16 bytes
        Slot[] slots = _slots;
        int mask = _mask;
        for (int i = 0; i < count; i++)
        {
            if (validity is not null && !Vectors.Validity.IsValid(validity, i)) { Unsafe.Add(ref id, i) = -1; continue; }
            int start = Unsafe.Add(ref offset, i), length = Unsafe.Add(ref offset, i + 1) - start;
            if ((uint)length <= 16 && (uint)start <= wordEnd)
            {
                Words(bytes, start, length, out ulong prefix, out ulong suffix);
                ulong hash = ShortHash(prefix, suffix, length);
                int found = AtHome(slots, mask, prefix, suffix, length, hash);
                Unsafe.Add(ref id, i) = found >= 0 ? found : FindOrAdd(bytes.Slice(start, length), prefix, suffix, hash, lookupOnly);
            }
            else Unsafe.Add(ref id, i) = FindOrAdd(bytes.Slice(start, length), lookupOnly);
            slots = _slots; // a new string may have grown the table
            mask = _mask;
        }
    }

    /// <summary>
    /// The id of a key of up to 16 bytes when it sits in its home slot, else -1 (it may sit further on, or be
    /// new: the caller then takes the full probe). Never reads past the slot array, as mask = length - 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AtHome(Slot[] slots, int mask, ulong prefix, ulong suffix, int length, ulong hash)
    {
        ref Slot home = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), (int)hash & mask);
        return home.Prefix == prefix && home.Suffix == suffix && home.Length == length ? home.IdPlusOne - 1 : -1;
    }

    /// <summary>
    /// A table larger than the cache: all hashes are computed first; then each probe prefetches the slot of the
    /// row a few ahead, so the table's cache misses overlap.
    /// </summary>
    private void InternWithPrefetch(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, byte[]? validity, int count, Span<int> ids, bool lookupOnly)
    {
        if (_batchWords.Length < count * 3) _batchWords = new ulong[count * 3];
        Span<ulong> words = _batchWords.AsSpan(0, count * 3); // prefix, suffix, hash per row
        for (int i = 0; i < count; i++)
        {
            int start = offsets[i], length = offsets[i + 1] - start;
            Words(bytes, start, length, out ulong prefix, out ulong suffix);
            words[3 * i] = prefix;
            words[3 * i + 1] = suffix;
            words[3 * i + 2] = Hash(bytes.Slice(start, length), prefix, suffix);
        }
        ref int offset = ref MemoryMarshal.GetReference(offsets);
        ref int id = ref MemoryMarshal.GetReference(ids);
        ref ulong row = ref MemoryMarshal.GetReference(words);
        Slot[] slots = _slots;
        int mask = _mask;
        for (int i = 0; i < count; i++, row = ref Unsafe.Add(ref row, 3))
        {
            if (i + CacheHint.Distance < count)
                CacheHint.Prefetch(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), (int)Unsafe.Add(ref row, 3 * CacheHint.Distance + 2) & mask));
            if (validity is not null && !Vectors.Validity.IsValid(validity, i)) { Unsafe.Add(ref id, i) = -1; continue; }
            int start = Unsafe.Add(ref offset, i), length = Unsafe.Add(ref offset, i + 1) - start;
            ulong prefix = row, suffix = Unsafe.Add(ref row, 1), hash = Unsafe.Add(ref row, 2);
            if ((uint)length <= 16)
            {
                int found = AtHome(slots, mask, prefix, suffix, length, hash);
                if (found >= 0) { Unsafe.Add(ref id, i) = found; continue; }
            }
            Unsafe.Add(ref id, i) = FindOrAdd(bytes.Slice(start, length), prefix, suffix, hash, lookupOnly);
            slots = _slots;
            mask = _mask;
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
        // Small tables stay at most 1/8 full so that nearly every probe hits its first slot (a second probe is a
        // branch mispredict); past 4,096 slots (96 KiB) they double at half full.
        if (Count * (_slots.Length < SparseSlots ? 8 : 2) > _slots.Length) Rehash();
        return id;
    }

    private void Rehash()
    {
        var slots = ZeroedArray.Allocate<Slot>(_slots.Length * 2);
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
