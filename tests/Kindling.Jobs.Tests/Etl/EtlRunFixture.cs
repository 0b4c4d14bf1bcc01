using Kindling.DataGen.Cli;

namespace Kindling.Jobs.Tests.Etl;

/// <summary>
/// Mock data for 2024-01-01 and 2024-01-02 (scale 1, the default fault rates) and the ETL run for both days,
/// once for all tests of the class. The reports of the second day are kept before it is run again.
/// </summary>
public sealed class EtlRunFixture : IDisposable
{
    public const string Day1 = "2024-01-01";
    public const string Day2 = "2024-01-02";

    public EtlRunFixture()
    {
        Assert.Equal(0, GeneratorCli.Run(["init", "--root", Root], TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, GeneratorCli.Run(["daily", "--root", Root, "--from", Day1, "--to", Day2], TextWriter.Null, TextWriter.Null));
        Day1Output = Etl(Day1);
        Day2Output = Etl(Day2);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "kindling-etl-" + Guid.NewGuid().ToString("N"));

    public string Day1Output { get; }

    public string Day2Output { get; }

    public string Etl(string day)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(["etl", "--root", Root, "--date", day, "--master", "local[2]"], stdout, stderr);
        Assert.True(code == 0, $"etl {day} failed ({code}): {stderr}");
        return stdout.ToString();
    }

    public string Table(string name) => Path.Combine(Root, "final", "table=" + name);

    /// <summary>A DuckDB table expression over one of our Parquet tables (Hive partitions discovered).</summary>
    public string Parquet(string table) =>
        $"read_parquet({Kindling.Engine.Tests.Interop.NodeInterop.Sql(Path.Combine(Table(table), "*", "*.parquet"))}, hive_partitioning = true)";

    public string ReportFile(string report, string day) =>
        Directory.GetFiles(Path.Combine(Root, "final", "report=" + report, "dt=" + day), "part-*.csv").Single();

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
