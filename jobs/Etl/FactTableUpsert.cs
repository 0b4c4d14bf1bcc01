
namespace Kindling.Jobs.Etl;

/// <summary>
/// Merges new rows into a table partitioned by <c>dt</c>: the partitions the new rows touch are read back,
/// unioned with them, reduced to one row per key and rewritten with dynamic partition overwrite, so running a
/// day twice or receiving a late row again never duplicates a key (DATA-CONTRACT section 4).
/// </summary>
internal static class FactTableUpsert
{
    /// <summary>Returns the number of rows now in the touched partitions.</summary>
    public static long Run(RunContext run, string table, DataFrame incoming, params string[] key)
    {
        DataFrame merged = incoming;
        if (run.Layout.TableExists(table))
        {
            string[] touched = [.. incoming.Select(Col("dt").Cast("string")).Distinct().Collect().Select(r => r.GetAs<string>(0))];
            if (touched.Length == 0) return 0;
            DataFrame existing = run.Spark.Read().Parquet(run.Layout.Table(table)).Filter(Col("dt").Cast("string").IsIn(touched));
            // New rows first: for a key delivered again with other values, the newest delivery wins.
            merged = incoming.WithColumn("_newest", Lit(0)).UnionByName(existing.WithColumn("_newest", Lit(1)));
        }
        else
        {
            merged = merged.WithColumn("_newest", Lit(0));
        }

        // Materialized before the overwrite replaces the partitions it was read from.
        DataFrame deduplicated = merged
            .WithColumn("_rank", RowNumber().Over(Window.PartitionBy([.. key.Select(Col)]).OrderBy("_newest")))
            .Filter(Col("_rank") == 1)
            .Drop("_rank", "_newest")
            .Cache();
        long rows = deduplicated.Count();
        deduplicated.Write()
            .Mode(SaveMode.Overwrite)
            .Option("partitionOverwriteMode", "dynamic")
            .PartitionBy("dt")
            .Parquet(run.Layout.Table(table));
        return rows;
    }
}
