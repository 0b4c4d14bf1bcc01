using BenchmarkDotNet.Running;

namespace Kindling.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "csv-throughput")
        {
            Csv.CsvThroughput.Run(long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount);
            return;
        }
        if (args.Length >= 2 && args[0] == "csv-write-phases")
        {
            Csv.CsvWritePhases.Run(long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        if (args.Length >= 2 && args[0] == "csv-phases")
        {
            Csv.CsvPhaseTiming.Run(long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
