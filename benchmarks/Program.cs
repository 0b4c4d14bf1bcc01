using BenchmarkDotNet.Running;
using Kindling.Benchmarks.Parquet;

namespace Kindling.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 1 && args[0] is "groupby-gen" or "groupby-run") return GroupBy.GroupByRunner.Run(args);
        if (args.Length > 0 && args[0] == "parquet-e2e") return ParquetEndToEnd.Run(args);
        if (args.Length > 0 && args[0] == "parquet-profile") return ParquetProfile.Run(args);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
