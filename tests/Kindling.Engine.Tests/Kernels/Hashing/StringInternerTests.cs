using System.Text;
using Kindling.Kernels.Hashing;

namespace Kindling.Engine.Tests.Kernels.Hashing;

public sealed class StringInternerTests
{
    [Fact]
    public void InternsDistinctStringsOfEveryLengthToStableDenseIds()
    {
        var rng = new Random(3);
        var values = new List<string> { "", "a", "a\0", "\0", "abcdefgh", "abcdefgh\0", "abcdefghi", "abcdefgh12345678", "abcdefgh12345679" };
        for (int i = 0; i < 20000; i++)
            values.Add("prefix-shared-" + new string((char)('a' + rng.Next(3)), rng.Next(0, 30)) + rng.Next(500));
        var interner = new StringInterner();
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string v in values)
        {
            int id = interner.Intern(Encoding.UTF8.GetBytes(v));
            if (!reference.TryGetValue(v, out int expected)) reference[v] = expected = reference.Count;
            Assert.Equal(expected, id);
        }
        Assert.Equal(reference.Count, interner.Count);
        foreach (var (v, id) in reference)
        {
            Assert.Equal(v, Encoding.UTF8.GetString(interner.Get(id)));
            Assert.Equal(id, interner.Find(Encoding.UTF8.GetBytes(v)));
        }
        Assert.Equal(-1, interner.Find("never seen"u8));
        Assert.Equal(-1, interner.Find("abcdefgh1234567"u8));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(30_000)]
    public void InternsWholeBatchesLikeOneAtATime(int distinct)
    {
        // 300 distinct strings keep the table small (one pass); 30,000 grow it past the size where probes prefetch.
        var rng = new Random(distinct);
        var interner = new StringInterner();
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int batch = 0; batch < 12; batch++)
        {
            int rows = 5000;
            var strings = Enumerable.Range(0, rows).Select(_ => rng.Next(10) == 0 ? null : "k" + rng.Next(distinct) + new string('x', rng.Next(0, 20))).ToArray();
            var (offsets, bytes, validity) = Encode(strings);
            var ids = new int[rows];
            interner.InternAll(offsets, bytes, validity, rows, ids, lookupOnly: false);
            for (int i = 0; i < rows; i++)
            {
                if (strings[i] is not { } v) { Assert.Equal(-1, ids[i]); continue; }
                if (!reference.TryGetValue(v, out int expected)) reference[v] = expected = reference.Count;
                Assert.Equal(expected, ids[i]);
            }
        }
        Assert.Equal(reference.Count, interner.Count);
        // Lookups only: known strings find their ids, unknown ones get -1 and are not added.
        var probes = reference.Keys.Take(2000).Concat(Enumerable.Range(0, 2000).Select(i => "unknown-" + i)).ToArray();
        var (o, b, val) = Encode(probes);
        var found = new int[probes.Length];
        interner.InternAll(o, b, val, probes.Length, found, lookupOnly: true);
        for (int i = 0; i < probes.Length; i++) Assert.Equal(reference.TryGetValue(probes[i], out int id) ? id : -1, found[i]);
        Assert.Equal(reference.Count, interner.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40_000)]
    public void KeysOfEveryShortLengthWithZeroBytesKeepTheirOwnIds(int fillers)
    {
        // Keys of up to 16 bytes compare as two zero-padded words plus a length, read by 8-byte loads that may not
        // run past the buffer: "", "\0", "a" and "a\0" share words, and the batch's last key ends at the buffer's
        // end. The fillers grow the table past the size where probes prefetch.
        var interner = new StringInterner();
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = Enumerable.Range(0, fillers).Select(i => "filler-" + i).ToArray();
        var (fo, fb, fv) = Encode(first);
        var firstIds = new int[first.Length];
        interner.InternAll(fo, fb, fv, first.Length, firstIds, lookupOnly: false);
        foreach (string f in first) reference[f] = reference.Count;
        var keys = new List<string>();
        for (int length = 0; length <= 18; length++)
        {
            keys.Add(new string('\0', length));
            keys.Add(new string('a', length));
            if (length > 0) keys.Add(new string('a', length - 1) + "\0");
            if (length > 1) keys.Add("\0" + new string('b', length - 1));
        }
        var rng = new Random(fillers + 7);
        for (int batch = 0; batch < 6; batch++)
        {
            var strings = Enumerable.Range(0, 400).Select(_ => rng.Next(20) == 0 ? null : keys[rng.Next(keys.Count)]).ToArray();
            var (offsets, bytes, validity) = Encode(strings);
            var ids = new int[strings.Length];
            interner.InternAll(offsets, bytes, validity, strings.Length, ids, lookupOnly: batch == 5);
            for (int i = 0; i < strings.Length; i++)
            {
                if (strings[i] is not { } v) { Assert.Equal(-1, ids[i]); continue; }
                if (!reference.TryGetValue(v, out int expected))
                {
                    if (batch == 5) { Assert.Equal(-1, ids[i]); continue; }
                    reference[v] = expected = reference.Count;
                }
                Assert.Equal(expected, ids[i]);
            }
        }
        Assert.Equal(reference.Count, interner.Count);
        foreach (var (key, id) in reference) Assert.Equal(key, Encoding.UTF8.GetString(interner.Get(id)));
    }

    [Fact]
    public void TrailingZeroBytesMakeDistinctKeys()
    {
        // "ab", "ab\0", "ab\0\0", ... share their zero-padded words and differ only in length. With 2,000 bases
        // of 15 such keys each, some of them share a home slot, where only the length tells them apart.
        var keys = new List<string>();
        for (int b = 0; b < 2000; b++)
            for (int zeros = 0; zeros < 15; zeros++)
                keys.Add(((char)('A' + b % 50)).ToString() + (char)('A' + b / 50) + new string('\0', zeros));
        var (offsets, bytes, validity) = Encode([.. keys]);
        var interner = new StringInterner();
        var ids = new int[keys.Count];
        interner.InternAll(offsets, bytes, validity, keys.Count, ids, lookupOnly: false);
        Assert.Equal(Enumerable.Range(0, keys.Count), ids);
        interner.InternAll(offsets, bytes, validity, keys.Count, ids, lookupOnly: true);
        Assert.Equal(Enumerable.Range(0, keys.Count), ids);
    }

    private static (int[] Offsets, byte[] Bytes, byte[]? Validity) Encode(string?[] strings)
    {
        var offsets = new int[strings.Length + 1];
        var bytes = new List<byte>();
        var validity = Kindling.Vectors.Validity.AllValid(strings.Length);
        bool nulls = false;
        for (int i = 0; i < strings.Length; i++)
        {
            if (strings[i] is { } v) bytes.AddRange(Encoding.UTF8.GetBytes(v));
            else { Kindling.Vectors.Validity.SetNull(validity, i); nulls = true; }
            offsets[i + 1] = bytes.Count;
        }
        return (offsets, [.. bytes], nulls ? validity : null);
    }
}
