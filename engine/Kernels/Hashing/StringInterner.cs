namespace Kindling.Kernels.Hashing;

/// <summary>
/// Maps distinct byte strings to dense ids 0, 1, 2, ... (an open-addressing table over offsets + bytes),
/// so that string keys group and join as fixed-width ints. Bytes are compared by span.
/// </summary>
internal sealed class StringInterner
{
    private byte[] _bytes = new byte[4096];
    private int[] _offsets = new int[257];
    private ulong[] _hashes = new ulong[256];
    private int[] _slots = new int[512]; // id + 1, 0 = empty
    private int _mask = 511;
    private int _byteLength;

    public int Count { get; private set; }

    public long MemoryBytes => _bytes.Length + _offsets.Length * 4L + _hashes.Length * 8L + _slots.Length * 4L;

    public ReadOnlySpan<byte> Get(int id) => _bytes.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>The id of <paramref name="value"/>, adding it when new.</summary>
    public int Intern(ReadOnlySpan<byte> value)
    {
        ulong hash = KeyHash.HashBytes(value);
        int slot = (int)hash & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0) break;
            int id = entry - 1;
            if (_hashes[id] == hash && value.SequenceEqual(Get(id))) return id;
            slot = (slot + 1) & _mask;
        }
        return Add(value, hash, slot);
    }

    /// <summary>The id of <paramref name="value"/>, or -1 when it was never interned.</summary>
    public int Find(ReadOnlySpan<byte> value)
    {
        ulong hash = KeyHash.HashBytes(value);
        int slot = (int)hash & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0) return -1;
            int id = entry - 1;
            if (_hashes[id] == hash && value.SequenceEqual(Get(id))) return id;
            slot = (slot + 1) & _mask;
        }
    }

    private int Add(ReadOnlySpan<byte> value, ulong hash, int slot)
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
        _slots[slot] = id + 1;
        Count = id + 1;
        if (Count * 2 > _slots.Length) Rehash();
        return id;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        int mask = slots.Length - 1;
        for (int id = 0; id < Count; id++)
        {
            int slot = (int)_hashes[id] & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = id + 1;
        }
        _slots = slots;
        _mask = mask;
    }
}
