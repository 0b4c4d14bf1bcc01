using System.Globalization;
using Kindling.Jobs.Etl;
using Kindling.Jobs.Feeds;

namespace Kindling.Jobs;

/// <summary>
/// The ETL's command line: <c>etl [--root PATH] [--date YYYY-MM-DD] [--master local[N]] [--reject-threshold F]</c>.
/// It checks the run date's feed against its manifest, then runs the daily job on the embedded engine.
/// </summary>
internal static class Program
{
    public const string Usage = "usage: kindling-jobs etl [--root PATH (./data)] [--date YYYY-MM-DD (2024-01-01)] [--master local[*]] [--reject-threshold FRACTION (0.01)]";

    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "etl")
        {
            stderr.WriteLine(args.Length == 0 ? Usage : $"kindling-jobs: unknown job '{args[0]}'. {Usage}");
            return 2;
        }
        string root = "./data", master = "local[*]";
        var date = new DateOnly(2024, 1, 1);
        double rejectThreshold = 0.01;
        for (int i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) { stderr.WriteLine($"kindling-jobs: option '{args[i]}' needs a value. {Usage}"); return 2; }
            switch (args[i])
            {
                case "--root": root = args[i + 1]; break;
                case "--master": master = args[i + 1]; break;
                case "--reject-threshold" when double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 1: rejectThreshold = t; break;
                case "--reject-threshold": stderr.WriteLine($"kindling-jobs: --reject-threshold '{args[i + 1]}' must be a fraction between 0 and 1"); return 2;
                case "--date" when DateOnly.TryParseExact(args[i + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d): date = d; break;
                case "--date": stderr.WriteLine($"kindling-jobs: --date '{args[i + 1]}' is not a date in the form YYYY-MM-DD"); return 2;
                default: stderr.WriteLine($"kindling-jobs: unknown option '{args[i]}'. {Usage}"); return 2;
            }
        }
#if !MICROSOFT_SPARK
        if (root.Contains("://", StringComparison.Ordinal))
        {
            // DATA-CONTRACT allows s3://bucket/prefix roots; the embedded engine reads and writes local folders only.
            stderr.WriteLine($"kindling-jobs: --root '{root}': the embedded engine reads and writes local folders only; " +
                "run on a cluster (spark-submit.sh --master yarn) for an S3 root, or copy the data to a local folder");
            return 2;
        }
#endif
        var builder = SparkSession.Builder()
            .AppName("kindling-etl")
            .Master(master)
            .Config("spark.sql.session.timeZone", "UTC")
            .Config("spark.sql.sources.partitionOverwriteMode", "dynamic");
        // spark-submit.sh passes its --conf key=value pairs here, one per line.
        foreach (string pair in (Environment.GetEnvironmentVariable("KINDLING_CONF") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            if (eq > 0) builder = builder.Config(pair[..eq].Trim(), pair[(eq + 1)..].Trim());
        }
        SparkSession spark;
        try
        {
            spark = builder.GetOrCreate();
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"kindling-jobs: {e.Message}");
            return 2;
        }
        try
        {
            var summary = FeedCheck.Run(root, date);
            stdout.WriteLine($"etl {date:yyyy-MM-dd}: input under {Path.GetFullPath(root)} is complete and matches the contract");
            stdout.WriteLine($"  {"file",-14} {"rows",9} {"malformed",10} {"duplicate",10} {"stale",6} {"late",6}");
            foreach (var f in summary)
                stdout.WriteLine($"  {f.File,-14} {f.Rows,9} {f.Malformed,10} {f.Duplicate,10} {f.Stale,6} {f.Late,6}");
        }
        catch (FeedException e)
        {
            stderr.WriteLine($"kindling-jobs: {e.Message}");
            return 1;
        }

        try
        {
            DailyEtlJob.Run(spark, new WarehouseLayout(root), date, rejectThreshold, stdout);
            return 0;
        }
        catch (EtlException e)
        {
            stderr.WriteLine($"kindling-jobs: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException or InsufficientMemoryException)
        {
            // Bad or unreadable data (a corrupt warehouse file, a full disk, the memory limit): the message names the
            // file and what is wrong; a stack trace would only bury it. Every write commits atomically, so nothing
            // half-written is left behind and a rerun after the repair starts clean.
            stderr.WriteLine($"kindling-jobs: etl {date:yyyy-MM-dd} failed: {e.Message}");
            return 1;
        }
        finally
        {
            spark.Stop();
        }
    }
}
