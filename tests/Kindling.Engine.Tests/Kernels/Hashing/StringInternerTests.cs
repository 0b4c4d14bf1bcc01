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
}
