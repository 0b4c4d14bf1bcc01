
namespace Kindling.Jobs.Etl;

/// <summary>
/// A slowly changing dimension of type 2 (companies, customers), kept as a full snapshot per run date
/// (DATA-CONTRACT section 4): every version of every key with <c>valid_from</c> (its <c>updated_at</c>),
/// <c>valid_to</c> (the next version's, null while current), <c>is_current</c> and <c>is_deleted</c>.
/// The run starts from the newest snapshot before the run date (the initial load on the first run), so a
/// rerun rebuilds the same snapshot. A change applies only when it is newer than every version of its key
/// delivered before it (in the snapshot or earlier in the feed): duplicates and stale re-sends change nothing.
/// </summary>
internal static class DimensionHistory
{
    private static readonly string[] VersionColumns = ["valid_from", "valid_to", "is_current", "is_deleted"];

    /// <param name="columns">The dimension's input columns (without <c>op</c>), key first.</param>
    /// <returns>The snapshot's number of rows and of current, not deleted keys.</returns>
    /// <param name="previous">The versions to start from: <see cref="PreviousSnapshot"/> or <see cref="FromInitialLoad"/>.</param>
    public static (long Rows, long Live) Update(RunContext run, string table, string[] columns, DataFrame previous, DataFrame changes)
    {
        string key = columns[0];

        DataFrame newestBefore = previous.GroupBy(key).Agg(Max("valid_from").As("_snapshot_newest"));
        WindowSpec earlierInFeed = Window.PartitionBy(key).OrderBy(InputFile.LineColumn).RowsBetween(Window.UnboundedPreceding, -1);
        DataFrame applied = changes
            .WithColumn("_feed_newest", Max("updated_at").Over(earlierInFeed))
            .Join(newestBefore, [key], "left")
            .WithColumn("_newest_before", Greatest(Col("_snapshot_newest"), Col("_feed_newest"))) // null when the key is new
            .Filter(Col("_newest_before").IsNull() | (Col("updated_at") > Col("_newest_before")))
            .Select([.. columns.Select(Col), Col("updated_at").As("valid_from"), (Col("op") == "D").As("is_deleted")]);

        DataFrame snapshot = previous.UnionByName(applied)
            .WithColumn("valid_to", Lead(Col("valid_from"), 1).Over(Window.PartitionBy(key).OrderBy("valid_from")))
            .WithColumn("is_current", Col("valid_to").IsNull())
            .Select([.. columns.Select(Col), .. VersionColumns.Select(Col), Lit(run.Day).Cast("date").As("dt")])
            .Cache();
        long rows = snapshot.Count();
        long live = snapshot.Filter(Col("is_current") & !Col("is_deleted")).Count();
        snapshot.Write().Mode(SaveMode.Overwrite).Option("partitionOverwriteMode", "dynamic").PartitionBy("dt")
            .Parquet(run.Layout.Table(table));
        return (rows, live);
    }

    /// <summary>The initial load as the first versions of every key.</summary>
    public static DataFrame FromInitialLoad(string[] columns, DataFrame initial) =>
        initial.Select([.. columns.Select(Col), Col("updated_at").As("valid_from"), Lit(false).As("is_deleted")]);

    /// <summary>The versions of the newest snapshot before the run date, or null when there is none.</summary>
    public static DataFrame? PreviousSnapshot(RunContext run, string table, string[] columns)
    {
        if (!run.Layout.TableExists(table)) return null;
        DataFrame all = run.Spark.Read().Parquet(run.Layout.Table(table));
        Row newest = all.Filter(Col("dt") < Lit(run.Day).Cast("date")).Agg(Max(Col("dt").Cast("string"))).First();
        if (newest.Get(0) is not string day) return null;
        return all.Filter(Col("dt") == Lit(day).Cast("date"))
            .Select([.. columns.Select(Col), Col("valid_from"), Col("is_deleted")]);
    }
}
