using Kindling.DataGen.Cli;

namespace Kindling.DataGen;

internal static class Program
{
    private static int Main(string[] args) => GeneratorCli.Run(args, Console.Out, Console.Error);
}
