using System.Diagnostics;
using Kindling.Formats.Parquet;

namespace Kindling.Benchmarks.Parquet;

/// <summary>Scan time per column of a file, then of all columns: where a read spends its time. usage: parquet-profile FILE [scan]</summary>
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
                foreach (var batch in reader.ReadBatches([c])) { }
                line.Add($"{reader.Schema[c].Name}={sw.Elapsed.TotalMilliseconds:F0}ms");
            }
            Console.WriteLine($"pass {pass}: {string.Join(" ", line)}");
        }
        // The whole file as a scan reads it (all columns, batches, both cores), several times.
        for (int pass = 0; pass < 5; pass++)
        {
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var pause = GC.GetTotalPauseDuration();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            long rows = 0;
            foreach (var batch in reader.ReadBatches()) rows += batch.RowCount;
            Console.WriteLine($"scan {pass}: {rows} rows in {sw.Elapsed.TotalMilliseconds:F0} ms ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms GC pauses, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) >> 20} MiB allocated); GCs gen0 {GC.CollectionCount(0) - g0}, gen1 {GC.CollectionCount(1) - g1}, gen2 {GC.CollectionCount(2) - g2}");
        }
        return 0;
    }
}
