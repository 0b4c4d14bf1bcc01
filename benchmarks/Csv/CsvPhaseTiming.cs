using System.Diagnostics;
using Kindling.Formats;
using Kindling.Formats.Csv;

namespace Kindling.Benchmarks.Csv;

/// <summary><c>csv-phases ROWS</c>: single-thread time of tokenizing alone vs tokenizing + decoding, on a file held in memory.</summary>
internal static class CsvPhaseTiming
{
    public static void Run(long rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kindling-groupby-{rows}.csv");
        if (!File.Exists(path)) GroupByCsvData.Write(path, rows);
        byte[] data = File.ReadAllBytes(path);
        var options = new CsvReadOptions { Header = true };
        for (int run = 0; run < 4; run++)
        {
            var tokenizer = new CsvTokenizer(options);
            using var buffer = new CsvRowBuffer(65536, 9);
            var sw = Stopwatch.StartNew();
            long line = 0, n = 0;
            int pos = 0;
            while (pos < data.Length)
            {
                pos = tokenizer.Tokenize(data, pos, true, buffer, ref line);
                if (buffer.RowCount == 0) break;
                n += buffer.RowCount;
            }
            double tokenize = sw.Elapsed.TotalSeconds;
            var decoder = new CsvBatchDecoder(options, GroupByCsvData.Schema, null);
            var errors = new List<RecordError>();
            sw.Restart();
            pos = 0;
            line = 0;
            while (pos < data.Length)
            {
                pos = tokenizer.Tokenize(data, pos, true, buffer, ref line);
                if (buffer.RowCount == 0) break;
                decoder.Decode(data, buffer, path, errors);
            }
            double both = sw.Elapsed.TotalSeconds;
            foreach (var (label, cols) in new[] { ("strings", new[] { 0, 1, 2 }), ("ints", new[] { 3, 4, 5, 6, 7 }), ("double", new[] { 8 }) })
            {
                var d2 = new CsvBatchDecoder(options, GroupByCsvData.Schema, cols);
                sw.Restart();
                pos = 0;
                while (pos < data.Length)
                {
                    pos = tokenizer.Tokenize(data, pos, true, buffer, ref line);
                    if (buffer.RowCount == 0) break;
                    d2.Decode(data, buffer, path, errors);
                }
                Console.Write($"{label} {sw.Elapsed.TotalSeconds - tokenize:F3}s; ");
            }
            Console.Write($"GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} ");
            Console.WriteLine($"{n:N0} rows: tokenize {data.Length / 1e6 / tokenize:F0} MB/s, tokenize+decode {data.Length / 1e6 / both:F0} MB/s (1 thread)");
        }
    }
}
