using Kindling.DataGen.Cli;

namespace Kindling.Jobs.Tests.Etl;

/// <summary>A day that meets a corrupt warehouse file fails with one clear line naming it, and succeeds once it is repaired.</summary>
public sealed class EtlFailureTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kindling-etl-failure-" + Guid.NewGuid().ToString("N"));

    private (int Code, string Stdout, string Stderr) Etl()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(["etl", "--root", _root, "--date", EtlRunFixture.Day1, "--master", "local[2]"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_Corrupt_Table_File_Fails_The_Run_With_Its_Name_And_A_Rerun_After_Repair_Succeeds()
    {
        Assert.Equal(0, GeneratorCli.Run(["init", "--root", _root], TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, GeneratorCli.Run(["daily", "--root", _root, "--date", EtlRunFixture.Day1], TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, Etl().Code);

        string file = Directory.GetFiles(Path.Combine(_root, "final", "table=orders"), "*.parquet", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).First();
        byte[] original = File.ReadAllBytes(file);
        File.WriteAllBytes(file, original[..(original.Length / 2)]);
        var (code, _, stderr) = Etl();
        Assert.Equal(1, code);
        Assert.Contains($"kindling-jobs: etl {EtlRunFixture.Day1} failed: ", stderr);
        Assert.Contains(file, stderr);
        Assert.Contains("corrupt Parquet file", stderr);
        Assert.DoesNotContain("   at ", stderr); // a message, not a stack trace

        File.WriteAllBytes(file, original);
        var rerun = Etl();
        Assert.True(rerun.Code == 0, rerun.Stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
