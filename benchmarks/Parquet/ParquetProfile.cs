using System.Diagnostics;
using Kindling.Formats.Parquet;

namespace Kindling.Benchmarks.Parquet;

/// <summary>Decode time per column of a file, one thread: where a read spends its time. usage: parquet-profile FILE</summary>
internal static class ParquetProfile
{
    public static int Run(string[] args)
    {
        using var reader = ParquetFileReader.Open(args[1]);
        for (int pass = 0; pass < 2; pass++)
        {
            var line = new List<string>();
            for (int c = 0; c < reader.Schema.Count; c++)
            {
                var sw = Stopwatch.StartNew();
                for (int g = 0; g < reader.RowGroupCount; g++) reader.ReadRowGroup(g, [c]);
                line.Add($"{reader.Schema[c].Name}={sw.Elapsed.TotalMilliseconds:F0}ms");
            }
            Console.WriteLine($"pass {pass}: {string.Join(" ", line)}");
        }
        return 0;
    }
}
