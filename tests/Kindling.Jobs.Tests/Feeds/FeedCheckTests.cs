using Kindling.DataGen.Cli;

namespace Kindling.Jobs.Tests.Feeds;

/// <summary>The ETL's input check: a complete day passes with its counts; a missing, incomplete or changed input fails in one line.</summary>
public sealed class FeedCheckTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kindling-jobs-" + Guid.NewGuid().ToString("N"));

    public FeedCheckTests()
    {
        Assert.Equal(0, GeneratorCli.Run(["init", "--root", _root], TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, GeneratorCli.Run(["daily", "--root", _root, "--date", "2024-01-02", "--malformed-rate", "0.01"], TextWriter.Null, TextWriter.Null));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int Code, string Out, string Err) Etl(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(["etl", "--root", _root, .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Day(string file) => Path.Combine(_root, "raw", "dt=2024-01-02", file);

    [Fact]
    public void A_complete_day_passes_and_reports_the_manifest_counts()
    {
        var (code, output, err) = Etl("--date", "2024-01-02", "--reject-threshold", "0.05");
        Assert.True(code == 0, err);
        Assert.Contains("complete and matches the contract", output);
        int orders = File.ReadAllLines(Day("orders.csv")).Length - 1;
        Assert.Matches($@"orders\.csv\s+{orders}\s", output);
    }

    [Fact]
    public void A_missing_day_fails_naming_it()
    {
        var (code, _, err) = Etl("--date", "2024-01-05");
        Assert.Equal(1, code);
        Assert.Contains("dt=2024-01-05 is missing or incomplete", err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_missing_file_fails()
    {
        File.Delete(Day("leads.csv"));
        var (code, _, err) = Etl("--date", "2024-01-02");
        Assert.Equal(1, code);
        Assert.Contains("leads.csv is missing", err);
    }

    [Fact]
    public void A_wrong_header_fails()
    {
        var lines = File.ReadAllLines(Day("orders.csv"));
        lines[0] = lines[0].Replace("quantity", "qty");
        File.WriteAllLines(Day("orders.csv"), lines);
        var (code, _, err) = Etl("--date", "2024-01-02");
        Assert.Equal(1, code);
        Assert.Contains("does not match the contract", err);
    }

    [Fact]
    public void A_truncated_feed_fails()
    {
        var lines = File.ReadAllLines(Day("weblogs.log"));
        File.WriteAllLines(Day("weblogs.log"), lines[..^3]);
        var (code, _, err) = Etl("--date", "2024-01-02");
        Assert.Equal(1, code);
        Assert.Contains($"holds {lines.Length - 3} records but its manifest says {lines.Length}", err);
    }

    [Fact]
    public void Bad_arguments_exit_2()
    {
        Assert.Equal(2, Etl("--date", "yesterday").Code);
        Assert.Equal(2, Etl("--bogus", "1").Code);
        Assert.Equal(2, Program.Run([], TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public void A_master_the_engine_cannot_run_is_refused_in_one_line_before_any_work()
    {
        var (code, output, err) = Etl("--master", "local[0]");
        Assert.Equal(2, code);
        Assert.Contains("master 'local[0]' is not supported", err);
        Assert.DoesNotContain("   at ", err);
        Assert.Equal("", output); // not even the input check ran
    }

    [Fact]
    public void An_s3_root_is_refused_by_the_embedded_engine_and_nothing_is_written()
    {
        var stderr = new StringWriter();
        string cwd = Directory.GetCurrentDirectory();
        Assert.Equal(2, Program.Run(["etl", "--root", "s3://bucket/prefix"], TextWriter.Null, stderr));
        Assert.Contains("local folders only", stderr.ToString());
        Assert.False(Directory.Exists(Path.Combine(cwd, "s3:")));
    }

    [Fact]
    public void Rejects_over_the_threshold_fail_in_one_line_and_write_nothing_to_final()
    {
        var (code, _, err) = Etl("--date", "2024-01-02", "--reject-threshold", "0.001");
        Assert.Equal(1, code);
        Assert.Matches(@"records rejected, over the threshold of 0\.1 ?%; see .*rejects", err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(_root, "final")));
    }

    [Fact]
    public void A_header_that_differs_from_the_contract_fails_before_anything_is_written()
    {
        string path = Path.Combine(_root, "init", "products.csv");
        var lines = File.ReadAllLines(path);
        lines[0] = lines[0].Replace("prod_unit_price", "unit_price", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        var (code, _, err) = Etl("--date", "2024-01-02");
        Assert.Equal(1, code);
        Assert.Contains("does not match", err);
        Assert.False(Directory.Exists(Path.Combine(_root, "final")));
    }
}
