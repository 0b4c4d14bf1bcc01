using BenchmarkDotNet.Running;
using Kindling.Benchmarks.Parquet;

namespace Kindling.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 1 && args[0] is "groupby-gen" or "groupby-run") return GroupBy.GroupByRunner.Run(args);
        if (args.Length > 1 && args[0] == "groupby-api") return GroupBy.GroupByApiRunner.Run(args);
        if (args.Length > 0 && args[0] == "parquet-e2e") return ParquetEndToEnd.Run(args);
        if (args.Length > 0 && args[0] == "parquet-profile") return ParquetProfile.Run(args);
        if (args.Length > 0 && args[0] == "snappy-pages") return SnappyPages.Run(args);
        if (args.Length >= 2 && args[0] == "csv-throughput")
        {
            Csv.CsvThroughput.Run(long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount);
            return 0;
        }
        if (args.Length >= 2 && args[0] == "csv-write-phases")
        {
            Csv.CsvWritePhases.Run(long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }
        if (args.Length >= 2 && args[0] == "csv-phases")
        {
            Csv.CsvPhaseTiming.Run(long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
