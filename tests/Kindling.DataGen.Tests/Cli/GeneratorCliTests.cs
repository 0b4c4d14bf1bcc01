using Kindling.DataGen.Tests.Support;

namespace Kindling.DataGen.Tests.Cli;

/// <summary>Bad command lines and unwritable folders give one line and a non-zero exit, and leave no half-written day.</summary>
public sealed class GeneratorCliTests
{
    [Theory]
    [InlineData(new[] { "explode" }, "unknown command")]
    [InlineData(new[] { "init", "--scale", "zero" }, "--scale")]
    [InlineData(new[] { "init", "--scale", "0" }, "--scale")]
    [InlineData(new[] { "daily" }, "needs --date")]
    [InlineData(new[] { "daily", "--date", "2024-13-01" }, "not a date")]
    [InlineData(new[] { "daily", "--date", "2023-12-31" }, "before the start date")]
    [InlineData(new[] { "daily", "--from", "2024-01-05", "--to", "2024-01-02" }, "before --from")]
    [InlineData(new[] { "daily", "--date", "2024-01-02", "--late-rate", "2" }, "--late-rate")]
    [InlineData(new[] { "init", "--date", "2024-01-02" }, "unknown option")]
    [InlineData(new[] { "init", "--seed" }, "--seed")]
    [InlineData(new[] { "init", "--root", "s3://bucket/prefix" }, "local folder only")]
    public void Bad_arguments_give_one_line_and_exit_code_2(string[] args, string expected)
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = Generate.Run([.. args, "--root", dir.Path]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void An_unwritable_root_gives_one_line_and_exit_code_1()
    {
        using var dir = new TempDirectory();
        string blocker = Path.Combine(dir.Path, "file-not-folder");
        File.WriteAllText(blocker, "x");
        var (code, _, stderr) = Generate.Run("daily", "--root", Path.Combine(blocker, "data"), "--date", "2024-01-02");
        Assert.Equal(1, code);
        Assert.StartsWith("kindling-data-gen: cannot write output", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_failed_day_leaves_nothing_behind()
    {
        using var dir = new TempDirectory();
        string raw = Path.Combine(dir.Path, "raw");
        Directory.CreateDirectory(raw);
        // A file where the day folder must go: the day is fully written to a temporary folder, then
        // the final rename fails, and the temporary folder must be gone (works as root too).
        string blocker = Path.Combine(raw, "dt=2024-01-02");
        File.WriteAllText(blocker, "not a folder");
        var (code, _, stderr) = Generate.Run("daily", "--root", dir.Path, "--date", "2024-01-02");
        Assert.Equal(1, code);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal([blocker], Directory.GetFileSystemEntries(raw));
    }

    [Fact]
    public void Help_prints_the_usage()
    {
        var (code, stdout, _) = Generate.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("--start-date", stdout);
    }
}
