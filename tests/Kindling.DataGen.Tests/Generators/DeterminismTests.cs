using Kindling.DataGen.Tests.Support;

namespace Kindling.DataGen.Tests.Generators;

/// <summary>Output is a pure function of (seed, scale, date): same bytes in two runs, and for a day alone or in a range.</summary>
public sealed class DeterminismTests
{
    private static Dictionary<string, byte[]> ReadTree(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    private static void AssertSameTree(string expectedRoot, string actualRoot, string subfolder)
    {
        var expected = ReadTree(Path.Combine(expectedRoot, subfolder));
        var actual = ReadTree(Path.Combine(actualRoot, subfolder));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (file, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{subfolder}/{file} differs");
    }

    [Fact]
    public void Two_runs_write_identical_bytes()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        foreach (var dir in new[] { a, b })
        {
            Generate.Ok("init", "--root", dir.Path, "--seed", "7");
            Generate.Ok("daily", "--root", dir.Path, "--seed", "7", "--from", "2024-01-01", "--to", "2024-01-02");
        }
        AssertSameTree(a.Path, b.Path, "init");
        AssertSameTree(a.Path, b.Path, "raw");
    }

    [Fact]
    public void A_day_alone_equals_the_same_day_in_a_range()
    {
        using var range = new TempDirectory();
        using var alone = new TempDirectory();
        Generate.Ok("daily", "--root", range.Path, "--from", "2024-01-01", "--to", "2024-01-06");
        Generate.Ok("daily", "--root", alone.Path, "--date", "2024-01-06");
        AssertSameTree(range.Path, alone.Path, Path.Combine("raw", "dt=2024-01-06"));
    }

    [Fact]
    public void Another_seed_gives_other_data()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        Generate.Ok("daily", "--root", a.Path, "--date", "2024-01-01", "--seed", "1");
        Generate.Ok("daily", "--root", b.Path, "--date", "2024-01-01", "--seed", "2");
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Path, "raw", "dt=2024-01-01", "orders.csv")),
            File.ReadAllBytes(Path.Combine(b.Path, "raw", "dt=2024-01-01", "orders.csv")));
    }

    [Fact]
    public void A_rerun_replaces_the_day_idempotently()
    {
        using var dir = new TempDirectory();
        Generate.Ok("daily", "--root", dir.Path, "--date", "2024-01-03");
        string orders = Path.Combine(dir.Path, "raw", "dt=2024-01-03", "orders.csv");
        byte[] first = File.ReadAllBytes(orders);
        File.WriteAllText(Path.Combine(dir.Path, "raw", "dt=2024-01-03", "stray.txt"), "left from an old run");
        Generate.Ok("daily", "--root", dir.Path, "--date", "2024-01-03");
        Assert.Equal(first, File.ReadAllBytes(orders));
        Assert.False(File.Exists(Path.Combine(dir.Path, "raw", "dt=2024-01-03", "stray.txt")));
        Assert.Single(Directory.GetDirectories(Path.Combine(dir.Path, "raw")));
    }
}
