using System.Diagnostics;
using Kindling.Formats.Parquet;

namespace Kindling.Benchmarks.Parquet;

/// <summary>Decode time per column of a file, one thread: where a read spends its time. usage: parquet-profile FILE</summary>
internal static class ParquetProfile
{
    public static int Run(string[] args)
    {
        using var reader = ParquetFileReader.Open(args[1]);
        for (int pass = 0; pass < (args.Length > 2 ? 0 : 2); pass++)
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
        // The whole file as a scan reads it (all columns, batches, both cores), several times.
        for (int pass = 0; pass < 5; pass++)
        {
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            long rows = 0;
            foreach (var batch in reader.ReadBatches()) rows += batch.RowCount;
            Console.WriteLine($"scan {pass}: {rows} rows in {sw.Elapsed.TotalMilliseconds:F0} ms ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU); GCs gen0 {GC.CollectionCount(0) - g0}, gen1 {GC.CollectionCount(1) - g1}, gen2 {GC.CollectionCount(2) - g2}");
        }
        return 0;
    }
}
