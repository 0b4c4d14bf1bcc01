using Kindling.DataGen.Cli;

namespace Kindling.DataGen.Tests.Support;

/// <summary>Runs the generator's command line in-process.</summary>
internal static class Generate
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = GeneratorCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static void Ok(params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.True(code == 0, $"generator failed ({code}): {stderr}");
    }
}
