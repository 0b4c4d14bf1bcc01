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
