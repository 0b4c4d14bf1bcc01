using System.Diagnostics;
using System.Globalization;
using Kindling.Execution;

namespace Kindling.Benchmarks.GroupBy;

/// <summary>
/// Command line: <c>groupby-gen &lt;rows&gt; &lt;csv path&gt;</c> writes the G1 CSV;
/// <c>groupby-run &lt;rows&gt; [threads=2] [dict|plain] [questions]</c> generates the same data in memory
/// (not timed, like loading the table in DuckDB), runs each question twice (KINDLING_GROUPBY_RUNS=N: N times, t2 the best
/// after the first) and prints one JSON line per
/// question: {"engine","q","t1","t2","rows","chk"}.
/// </summary>
internal static class GroupByRunner
{
    public static int Run(string[] args)
    {
        if (args[0] == "groupby-gen")
        {
            long rows = long.Parse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            var sw = Stopwatch.StartNew();
            new GroupByData(rows).WriteCsv(args[2]);
            Console.Error.WriteLine($"wrote {rows} rows to {args[2]} in {sw.Elapsed.TotalSeconds:F1}s");
            return 0;
        }
        long n = long.Parse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture);
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        bool dictionary = args.Length <= 3 || args[3] != "plain";
        string[] questions = args.Length > 4 ? args[4].Split(',') : GroupByQuestions.Names;
        var load = Stopwatch.StartNew();
        var source = new GroupByData(n).ToSource(dictionary);
        Console.Error.WriteLine($"kindling: generated {n} rows in memory ({(dictionary ? "dictionary" : "plain")} strings) in {load.Elapsed.TotalSeconds:F1}s");
        // KINDLING_GROUPBY_RUNS=N (default 2) runs each question N times; t2 is then the best of runs 2..N.
        int runs = Math.Max(2, int.TryParse(Environment.GetEnvironmentVariable("KINDLING_GROUPBY_RUNS"), out int r) ? r : 2);
        var context = new QueryContext(threads);
        foreach (string q in questions)
        {
            var times = new double[runs];
            var pauses = new string[runs]; // GC pause, gen-2 collections and CPU seconds of each run
            (long Rows, double[] Checksum) result = default;
            for (int run = 0; run < runs; run++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                TimeSpan pausedBefore = GC.GetTotalPauseDuration();
                var process = Process.GetCurrentProcess();
                TimeSpan userBefore = process.UserProcessorTime, systemBefore = process.PrivilegedProcessorTime;
                int gen2Before = GC.CollectionCount(2);
                long allocatedBefore = GC.GetTotalAllocatedBytes();
                var sw = Stopwatch.StartNew();
                result = GroupByQuestions.Run(q, source, context);
                times[run] = sw.Elapsed.TotalSeconds;
                process.Refresh();
                pauses[run] = $"gc {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:F0}ms/{GC.CollectionCount(2) - gen2Before}"
                    + $" alloc {(GC.GetTotalAllocatedBytes() - allocatedBefore) >> 20}MiB user {(process.UserProcessorTime - userBefore).TotalSeconds:F2} sys {(process.PrivilegedProcessorTime - systemBefore).TotalSeconds:F2}";
            }
            Console.Error.WriteLine($"kindling {q}: " + string.Join(" ", times.Select((t, i) => $"{t.ToString("F3", CultureInfo.InvariantCulture)} ({pauses[i]})")));
            double rest = times.Skip(1).Min();
            string chk = string.Join(",", result.Checksum!.Select(c => c.ToString("R", CultureInfo.InvariantCulture)));
            Console.WriteLine($"{{\"engine\":\"kindling\",\"q\":\"{q}\",\"t1\":{times[0].ToString("F4", CultureInfo.InvariantCulture)},\"t2\":{rest.ToString("F4", CultureInfo.InvariantCulture)},\"rows\":{result.Rows},\"chk\":[{chk}]}}");
        }
        return 0;
    }
}
