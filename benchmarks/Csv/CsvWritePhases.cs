using System.Diagnostics;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Formats.Csv;
using Kindling.Vectors;

namespace Kindling.Benchmarks.Csv;

/// <summary><c>csv-write-phases ROWS</c>: single-thread CPU time of writing the string, int and double columns separately to a null stream.</summary>
internal static class CsvWritePhases
{
    public static void Run(long rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kindling-groupby-{rows}.csv");
        if (!File.Exists(path)) GroupByCsvData.Write(path, rows);
        var batches = CsvFileFormat.Read(path, GroupByCsvData.Schema, null, new CsvReadOptions { Header = true }, new QueryContext(1)).ToList();
        for (int run = 0; run < 4; run++)
        {
            foreach (var (label, cols) in new[] { ("all", Enumerable.Range(0, 9).ToArray()), ("strings", new[] { 0, 1, 2 }), ("ints", new[] { 3, 4, 5, 6, 7 }), ("double", new[] { 8 }) })
            {
                var schema = new Schema(cols.Select(c => GroupByCsvData.Schema[c]).ToArray());
                var projected = batches.Select(b => new ColumnBatch(schema, cols.Select(c => b[c]).ToArray(), b.RowCount)).ToList();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var stream = new MemoryStream();
                new CsvFileFormat().Write(stream, schema, projected, FormatOptions.Default);
                double seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.Write($"{label} {stream.Length / 1e6:F0} MB {seconds:F2} CPU-s ({stream.Length / 1e6 / seconds:F0} MB/CPU-s); ");
            }
            Console.WriteLine();
        }
    }
}
