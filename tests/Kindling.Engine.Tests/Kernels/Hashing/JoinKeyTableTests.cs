using Kindling.Kernels.Hashing;

namespace Kindling.Engine.Tests.Kernels.Hashing;

public sealed class JoinKeyTableTests
{
    /// <summary>Keys of <paramref name="width"/> words derived from each value, and their hashes.</summary>
    private static (ulong[] Words, ulong[] Hashes) Keys(IReadOnlyList<long> keys, int width)
    {
        var words = new ulong[Math.Max(1, keys.Count) * width];
        for (int r = 0; r < keys.Count; r++)
            for (int w = 0; w < width; w++) words[r * width + w] = (ulong)(keys[r] * (w + 1) + w);
        var hashes = new ulong[keys.Count];
        KeyHash.HashWords(words, width, keys.Count, hashes);
        return (words, hashes);
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(1, 2, true)]
    [InlineData(2, 2, true)]
    [InlineData(1, 2, false)]
    [InlineData(3, 1, false)]
    public void Each_key_is_held_by_one_of_its_rows_and_lookups_find_that_row(int width, int threads, bool repeated)
    {
        // Several 64K-row chunks, so two threads insert at once and race for the slots of the same keys.
        const int rows = 300_000;
        var keys = Enumerable.Range(0, rows).Select(r => repeated ? (long)(r * 7919L % 100_003) : r * 3L).ToList();
        var (words, hashes) = Keys(keys, width);
        var skip = new byte[rows];
        for (int r = 5; r < rows; r += 101) skip[r] = 1;
        var holder = new int[rows];
        var (table, repeats) = JoinKeyTable.Build(words, hashes, width, rows, skip, holder, threads);
        Assert.Equal(repeated, repeats);

        var holderOfKey = new Dictionary<long, int>();
        for (int r = 0; r < rows; r++)
        {
            if (skip[r] != 0) { Assert.Equal(-1, holder[r]); continue; }
            int h = holder[r];
            Assert.Equal(keys[r], keys[h]); // held by a row with the same key
            Assert.Equal(0, skip[h]);
            if (holderOfKey.TryGetValue(keys[r], out int seen)) Assert.Equal(seen, h); // one holder per key
            else holderOfKey[keys[r]] = h;
        }
        if (!repeated) Assert.All(Enumerable.Range(0, rows).Where(r => skip[r] == 0), r => Assert.Equal(r, holder[r]));

        var rng = new Random(3);
        var probe = Enumerable.Range(0, 5000).Select(_ => rng.Next(3) == 0 ? -1L - rng.Next(1000) : keys[rng.Next(rows)]).ToList();
        var (pw, ph) = Keys(probe, width);
        var probeSkip = new byte[probe.Count];
        for (int i = 0; i < probe.Count; i += 13) probeSkip[i] = 1;
        var found = new int[probe.Count];
        table.Find(pw, ph, probe.Count, probeSkip, found);
        for (int i = 0; i < probe.Count; i++)
            Assert.Equal(probeSkip[i] != 0 ? -1 : holderOfKey.GetValueOrDefault(probe[i], -1), found[i]);
    }
}
