using System.Text.Json;
using Kindling.DataGen.Tests.Support;

namespace Kindling.DataGen.Tests.Generators;

/// <summary>The manifest's counts equal what the files really hold, category by category.</summary>
public sealed class ManifestTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Manifest_counts_equal_the_files(int scale)
    {
        var data = Datasets.Get(scale);
        var checker = ContractChecker.Read(data);
        long injected = 0;
        foreach (var day in data.Days)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(data.Raw(day, "_manifest.json")));
            var root = json.RootElement;
            Assert.Equal(day.ToString("yyyy-MM-dd"), root.GetProperty("date").GetString());
            Assert.Equal(42, root.GetProperty("seed").GetInt64());
            Assert.Equal(scale, root.GetProperty("scale").GetInt32());
            var files = root.GetProperty("files");
            Assert.Equal(5, files.EnumerateObject().Count());
            foreach (var file in files.EnumerateObject())
            {
                var observed = checker.Observed[(day, file.Name)];
                string where = $"{day:yyyy-MM-dd}/{file.Name}";
                Assert.True(observed.Rows == file.Value.GetProperty("rows").GetInt64(), $"{where}: rows");
                Assert.True(observed.Malformed == file.Value.GetProperty("malformed").GetInt64(), $"{where}: malformed {observed.Malformed}");
                Assert.True(observed.Duplicate == file.Value.GetProperty("duplicate").GetInt64(), $"{where}: duplicate {observed.Duplicate}");
                Assert.True(observed.Stale == file.Value.GetProperty("stale").GetInt64(), $"{where}: stale {observed.Stale}");
                Assert.True(observed.Late == file.Value.GetProperty("late").GetInt64(), $"{where}: late {observed.Late}");
                injected += observed.Malformed + observed.Duplicate + observed.Stale + observed.Late;
            }
            Assert.Equal(0, checker.Observed[(day, "weblogs.log")].Duplicate);
        }
        // Every category shows up at the rates the fixture asked for.
        Assert.Contains(checker.Observed.Values, c => c.Malformed > 0);
        Assert.Contains(checker.Observed.Values, c => c.Duplicate > 0);
        Assert.Contains(checker.Observed.Values, c => c.Stale > 0);
        Assert.Contains(checker.Observed.Values, c => c.Late > 0);
    }

    [Fact]
    public void Zero_rates_inject_nothing()
    {
        using var dir = new TempDirectory();
        Generate.Ok("daily", "--root", dir.Path, "--date", "2024-01-02", "--malformed-rate", "0", "--duplicate-rate", "0", "--stale-rate", "0", "--late-rate", "0");
        string manifest = File.ReadAllText(Path.Combine(dir.Path, "raw", "dt=2024-01-02", "_manifest.json"));
        using var json = JsonDocument.Parse(manifest);
        foreach (var file in json.RootElement.GetProperty("files").EnumerateObject())
            foreach (string category in new[] { "duplicate", "stale", "late", "malformed" })
                Assert.Equal(0, file.Value.GetProperty(category).GetInt64());
    }
}
