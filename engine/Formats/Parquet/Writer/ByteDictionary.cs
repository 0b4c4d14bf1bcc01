namespace Kindling.Formats.Parquet.Writer;

/// <summary>
/// Assigns dictionary indices to raw values in first-seen order, with open addressing over the values'
/// bytes; stops accepting values once the dictionary passes its byte limit. A column writer reuses one
/// dictionary for all its chunks (<see cref="Reset"/>), and returns its memory with <see cref="Release"/>.
/// </summary>
internal sealed class ByteDictionary
{
    private readonly RawValues _entries;
    private readonly int _limitBytes;
    private int[] _slots = ScratchArrays.Rent<int>(1024); // entry index + 1; 0 = empty (cleared by Reset)
    private int[] _hashes = ScratchArrays.Rent<int>(512);
    private ulong[] _words = ScratchArrays.Rent<ulong>(512); // values of 1 to 8 bytes as little-endian words (compared without the byte buffer)

    public ByteDictionary(int fixedWidth, int limitBytes)
    {
        _entries = new RawValues(fixedWidth);
        _limitBytes = limitBytes;
        Reset();
    }

    /// <summary>Empties the dictionary for the next chunk, keeping its memory.</summary>
    public void Reset()
    {
        _entries.Clear();
        _slots.AsSpan().Clear();
    }

    /// <summary>Returns the memory to the pool, for good.</summary>
    public void Release()
    {
        _entries.Release();
        ScratchArrays.Return(ref _slots);
        ScratchArrays.Return(ref _hashes);
        ScratchArrays.Return(ref _words);
    }

    public RawValues Entries => _entries;

    public int Count => _entries.Count;

    /// <summary>The value's index, adding it when new; -1 when adding it would pass the byte limit.</summary>
    public int IndexOf(ReadOnlySpan<byte> value)
    {
        int hash = Hash(value);
        int mask = _slots.Length - 1;
        int slot = hash & mask;
        while (true)
        {
            int entry = _slots[slot] - 1;
            if (entry < 0) break;
            if (_hashes[entry] == hash && _entries[entry].SequenceEqual(value)) return entry;
            slot = (slot + 1) & mask;
        }
        return Add(value, hash, 0, slot);
    }

    /// <summary>
    /// <see cref="IndexOf"/> for a fixed-width value of at most 8 bytes given as its little-endian word (zero
    /// extended): hashed and compared as one integer, the common case of numeric and date columns.
    /// </summary>
    public int IndexOfWord(ulong word, ReadOnlySpan<byte> value)
    {
        int hash = (int)((word * 0x9E3779B97F4A7C15UL) >> 32);
        int mask = _slots.Length - 1;
        int slot = hash & mask;
        while (true)
        {
            int entry = _slots[slot] - 1;
            if (entry < 0) break;
            if (_words[entry] == word) return entry;
            slot = (slot + 1) & mask;
        }
        return Add(value, hash, word, slot);
    }

    /// <summary>Adds a value not present (its probe ended at the empty <paramref name="slot"/>), or returns -1 past the byte limit.</summary>
    private int Add(ReadOnlySpan<byte> value, int hash, ulong word, int slot)
    {
        if (_entries.DataLength + value.Length + 4 > _limitBytes) return -1;
        int index = _entries.Count;
        value.CopyTo(_entries.Add(value.Length));
        ScratchArrays.Grow(ref _hashes, index + 1, index);
        ScratchArrays.Grow(ref _words, index + 1, index);
        _hashes[index] = hash;
        _words[index] = word;
        _slots[slot] = index + 1;
        if (_entries.Count * 2 > _slots.Length) Rehash();
        return index;
    }

    private void Rehash()
    {
        int size = _slots.Length * 2;
        ScratchArrays.Return(ref _slots);
        _slots = ScratchArrays.Rent<int>(size);
        _slots.AsSpan().Clear();
        int mask = _slots.Length - 1;
        for (int i = 0; i < _entries.Count; i++)
        {
            int slot = _hashes[i] & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = i + 1;
        }
    }

    /// <summary>The engine's byte-string hash (8-byte strides; HashCode.AddBytes costs more for the short strings columns hold).</summary>
    private static int Hash(ReadOnlySpan<byte> value) => (int)Kindling.Kernels.Hashing.KeyHash.HashBytes(value);
}
