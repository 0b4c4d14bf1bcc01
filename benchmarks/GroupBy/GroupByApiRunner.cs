using System.Diagnostics;
using System.Globalization;
using Kindling.Sql;
using Kindling.Sql.Expressions;
using static Kindling.Sql.Functions;

namespace Kindling.Benchmarks.GroupBy;

/// <summary>
/// Command line: <c>groupby-api &lt;csv path&gt; [threads=2] [questions]</c>. The same ten questions as a job writes
/// them, through the DataFrame API (analyzer, optimizer, planner and all): the CSV is read and cached first (not
/// timed, like DuckDB's CREATE TABLE x), then each answer is cached and computed by a Count (timed, like CREATE TABLE ans),
/// twice (KINDLING_GROUPBY_RUNS=N: N times, t2 the best after the first; KINDLING_GROUPBY_EXPLAIN=1 prints each plan), and its checksum taken from the cached answer. Prints {"engine":"kindling-api","q","t1","t2","rows","chk"}.
/// </summary>
internal static class GroupByApiRunner
{
    private static readonly (string Name, Func<DataFrame, DataFrame> Query, string[] Measures)[] Questions =
    [
        ("q1", x => x.GroupBy("id1").Agg(Sum("v1").Alias("v1")), ["v1"]),
        ("q2", x => x.GroupBy("id1", "id2").Agg(Sum("v1").Alias("v1")), ["v1"]),
        ("q3", x => x.GroupBy("id3").Agg(Sum("v1").Alias("v1"), Avg("v3").Alias("v3")), ["v1", "v3"]),
        ("q4", x => x.GroupBy("id4").Agg(Avg("v1").Alias("v1"), Avg("v2").Alias("v2"), Avg("v3").Alias("v3")), ["v1", "v2", "v3"]),
        ("q5", x => x.GroupBy("id6").Agg(Sum("v1").Alias("v1"), Sum("v2").Alias("v2"), Sum("v3").Alias("v3")), ["v1", "v2", "v3"]),
        ("q6", x => x.GroupBy("id4", "id5").Agg(Expr("median(v3)").Alias("median_v3"), Stddev(Col("v3")).Alias("sd_v3")), ["median_v3", "sd_v3"]),
        ("q7", x => x.GroupBy("id3").Agg((Max("v1") - Min("v2")).Alias("range_v1_v2")), ["range_v1_v2"]),
        ("q8", x => x.Where(Col("v3").IsNotNull())
            .Select(Col("id6"), Col("v3"), RowNumber().Over(Window.PartitionBy("id6").OrderBy(Col("v3").Desc())).Alias("order_v3"))
            .Where(Col("order_v3") <= 2)
            .Select(Col("id6"), Col("v3").Alias("largest2_v3")), ["largest2_v3"]),
        ("q9", x => x.GroupBy("id2", "id4").Agg(Pow(Corr(Col("v1"), Col("v2")), 2).Alias("r2")), ["r2"]),
        ("q10", x => x.GroupBy("id1", "id2", "id3", "id4", "id5", "id6").Agg(Sum("v3").Alias("v3"), Count(Lit(1)).Alias("count")), ["v3", "count"]),
    ];

    public static int Run(string[] args)
    {
        string csv = args[1];
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var wanted = args.Length > 3 ? args[3].Split(',').ToHashSet() : null;
        // KINDLING_GROUPBY_RUNS=N (default 2) runs each question N times; t2 is then the best of runs 2..N.
        int runs = Math.Max(2, int.TryParse(Environment.GetEnvironmentVariable("KINDLING_GROUPBY_RUNS"), out int r) ? r : 2);
        var spark = SparkSession.Builder().Master($"local[{threads}]").AppName("groupby").GetOrCreate();
        var load = Stopwatch.StartNew();
        DataFrame x = spark.Read().Option("header", "true")
            .Schema("id1 STRING, id2 STRING, id3 STRING, id4 INT, id5 INT, id6 INT, v1 INT, v2 INT, v3 DOUBLE")
            .Csv(csv).Cache();
        Console.Error.WriteLine($"kindling-api: loaded {x.Count()} rows from {csv} in {load.Elapsed.TotalSeconds:F1}s");
        foreach (var (name, query, measures) in Questions)
        {
            if (wanted is not null && !wanted.Contains(name)) continue;
            if (Environment.GetEnvironmentVariable("KINDLING_GROUPBY_EXPLAIN") == "1")
                Console.Error.WriteLine(Kindling.Engine.DataFrameExtensions.ExplainString(query(x)));
            var times = new double[runs];
            double[] chk = [];
            for (int run = 0; run < runs; run++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var sw = Stopwatch.StartNew();
                // Cache is lazy (as in Spark): the Count computes and keeps the answer, like CREATE TABLE ans AS.
                DataFrame answer = query(x).Cache();
                answer.Count();
                times[run] = sw.Elapsed.TotalSeconds;
                var sums = measures.Select(m => Sum(Col(m).Cast("double"))).Prepend(Count(Lit(1)).Cast("double")).ToArray();
                Row row = answer.Agg(sums[0], sums[1..]).Collect().Single();
                chk = [.. Enumerable.Range(0, sums.Length).Select(i => Convert.ToDouble(row[i], CultureInfo.InvariantCulture))];
                answer.Unpersist();
            }
            string text = string.Join(",", chk.Select(c => c.ToString("R", CultureInfo.InvariantCulture)));
            Console.WriteLine($"{{\"engine\":\"kindling-api\",\"q\":\"{name}\",\"t1\":{times[0].ToString("F4", CultureInfo.InvariantCulture)},\"t2\":{times.Skip(1).Min().ToString("F4", CultureInfo.InvariantCulture)},\"rows\":{chk[0].ToString(CultureInfo.InvariantCulture)},\"chk\":[{text}]}}");
        }
        spark.Stop();
        return 0;
    }
}
