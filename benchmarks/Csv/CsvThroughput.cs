using System.Diagnostics;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Formats.Csv;

namespace Kindling.Benchmarks.Csv;

/// <summary>A quick wall-clock measurement outside BenchmarkDotNet: <c>csv-throughput ROWS [THREADS]</c> generates a groupby-shaped file once and reads it three times.</summary>
internal static class CsvThroughput
{
    public static void Run(long rows, int threads)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kindling-groupby-{rows}.csv");
        if (!File.Exists(path))
        {
            var g = Stopwatch.StartNew();
            GroupByCsvData.Write(path, rows);
            Console.WriteLine($"generated {path} in {g.Elapsed.TotalSeconds:F1}s");
        }
        long bytes = new FileInfo(path).Length;
        for (int run = 0; run < 5; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            long n = 0;
            foreach (var batch in CsvFileFormat.Read(path, GroupByCsvData.Schema, null, new CsvReadOptions { Header = true }, new QueryContext(threads)))
                n += batch.RowCount;
            sw.Stop();
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"read {n:N0} rows, {bytes / 1e6:F0} MB in {sw.Elapsed.TotalSeconds:F2}s = {bytes / 1e6 / sw.Elapsed.TotalSeconds:F0} MB/s wall ({threads} threads), {cpuSeconds:F2} CPU-s = {bytes / 1e6 / cpuSeconds:F0} MB per CPU-second");
        }
        var batches = CsvFileFormat.Read(path, GroupByCsvData.Schema, null, new CsvReadOptions { Header = true }, new QueryContext(threads)).ToList();
        var wcpu = Process.GetCurrentProcess().TotalProcessorTime;
        var w = Stopwatch.StartNew();
        using (var f = new FileStream(path + ".out", FileMode.Create))
            new CsvFileFormat().Write(f, GroupByCsvData.Schema, batches, new FormatOptions(new Dictionary<string, string> { ["header"] = "true" }));
        w.Stop();
        long written = new FileInfo(path + ".out").Length;
        double wcpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - wcpu).TotalSeconds;
        Console.WriteLine($"wrote {written / 1e6:F0} MB in {w.Elapsed.TotalSeconds:F2}s = {written / 1e6 / w.Elapsed.TotalSeconds:F0} MB/s wall, {written / 1e6 / wcpuSeconds:F0} MB per CPU-second");
        File.Delete(path + ".out");
    }
}
