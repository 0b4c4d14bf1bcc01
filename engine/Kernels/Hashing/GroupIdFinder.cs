namespace Kindling.Kernels.Hashing;

/// <summary>
/// Finds (inserting when new) the group id of each row's encoded key. Keys of several words are hashed and
/// probed in a <see cref="GroupHashTable"/>. A one-word key below <see cref="DenseLimit"/> (a small integer, a
/// string or dictionary id, or two such packed in a pair) first indexes a direct array of group id + 1, which
/// skips hashing and probing; only its misses go to the table, and fill the array for the next rows. The array
/// is a cache over the table: groups inserted into <see cref="Table"/> directly are found through it later.
/// </summary>
internal sealed class GroupIdFinder
{
    public const int DenseLimit = 1 << 20;

    private readonly GroupKeyEncoder _encoder;
    private int[] _dense = [];
    private ulong[] _hashes = [];
    private int[] _missRows = [];
    private ulong[] _missWords = [];
    private ulong[] _missHashes = [];
    private int[] _missGroups = [];

    public GroupIdFinder(GroupKeyEncoder encoder, int expectedGroups = 1024)
    {
        _encoder = encoder;
        Table = new GroupHashTable(encoder.Width, expectedGroups);
    }

    public GroupHashTable Table { get; }

    public int Count => Table.Count;

    public long MemoryBytes => Table.MemoryBytes + _dense.Length * 4L;

    /// <summary>Forgets every group, keeping the arrays.</summary>
    public void Clear()
    {
        Table.Clear();
        Array.Clear(_dense);
    }

    /// <summary>Writes the group id of each of the first <paramref name="rows"/> keys in <paramref name="words"/> (row-major, <see cref="GroupKeyEncoder.Width"/> words each).</summary>
    public void FindOrInsert(ReadOnlySpan<ulong> words, int rows, Span<int> groupIds)
    {
        if (_encoder.Width == 1)
        {
            FindDense(words, rows, groupIds);
            return;
        }
        if (_hashes.Length < rows) _hashes = new ulong[rows];
        KeyHash.HashWords(words, _encoder.Width, rows, _hashes);
        Table.FindOrInsert(words, _hashes, rows, groupIds);
    }

    /// <summary>
    /// Looks the keys up without inserting: writes each row's group id, or -1 when the table does not hold its key
    /// or <paramref name="skip"/>[i] != 0 (a key with a string the encoder does not know).
    /// </summary>
    public void Find(ReadOnlySpan<ulong> words, int rows, ReadOnlySpan<byte> skip, Span<int> groupIds)
    {
        if (_hashes.Length < rows) _hashes = new ulong[rows];
        KeyHash.HashWords(words, _encoder.Width, rows, _hashes);
        Table.Find(words, _hashes, rows, skip, groupIds);
    }

    private void FindDense(ReadOnlySpan<ulong> words, int rows, Span<int> groupIds)
    {
        int[] dense = _dense;
        if (_missRows.Length < rows)
        {
            _missRows = new int[rows];
            _missWords = new ulong[rows];
            _missHashes = new ulong[rows];
            _missGroups = new int[rows];
        }
        int misses = 0;
        bool pair = _encoder.IsPackedPair;
        if (pair)
        {
            // Two small 32-bit keys (both below 1024) index the array as low | high << 10.
            for (int i = 0; i < rows; i++)
            {
                ulong index = PairIndex(words[i]);
                int g;
                if (index < (ulong)dense.Length && (g = dense[index]) != 0) groupIds[i] = g - 1;
                else _missRows[misses++] = i;
            }
        }
        else
        {
            for (int i = 0; i < rows; i++)
            {
                ulong w = words[i];
                int g;
                if (w < (ulong)dense.Length && (g = dense[w]) != 0) groupIds[i] = g - 1;
                else _missRows[misses++] = i;
            }
        }
        if (misses == 0) return;
        for (int m = 0; m < misses; m++) _missWords[m] = words[_missRows[m]];
        KeyHash.HashWords(_missWords, 1, misses, _missHashes);
        Table.FindOrInsert(_missWords, _missHashes, misses, _missGroups);
        ulong maxIndex = 0;
        for (int m = 0; m < misses; m++)
        {
            groupIds[_missRows[m]] = _missGroups[m];
            if (pair) _missWords[m] = PairIndex(_missWords[m]);
            if (_missWords[m] < DenseLimit && _missWords[m] > maxIndex) maxIndex = _missWords[m];
        }
        if (maxIndex >= (ulong)_dense.Length)
        {
            int size = Math.Max(1024, _dense.Length);
            while ((ulong)size <= maxIndex) size *= 2;
            Array.Resize(ref _dense, Math.Min(size, DenseLimit));
        }
        dense = _dense;
        for (int m = 0; m < misses; m++)
            if (_missWords[m] < (ulong)dense.Length) dense[_missWords[m]] = _missGroups[m] + 1;
    }

    private static ulong PairIndex(ulong w)
    {
        ulong low = w & 0xFFFF_FFFFUL, high = w >> 32;
        return low < 1024 && high < 1024 ? (high << 10) | low : ulong.MaxValue;
    }
}
