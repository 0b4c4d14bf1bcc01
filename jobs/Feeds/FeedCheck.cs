using System.Globalization;
using System.Text.Json;

namespace Kindling.Jobs.Feeds;

/// <summary>
/// The ETL's first stage: a run date's input must be complete before anything is written to final/.
/// Checks that init/ and raw/dt=D/ hold every required file with the contract's header, that the day
/// was committed (its _manifest.json exists), and that each file holds the rows its manifest counts.
/// </summary>
internal static class FeedCheck
{
    public sealed record FileSummary(string File, long Rows, long Malformed, long Duplicate, long Stale, long Late);

    /// <summary>Returns the day's per-file summary; throws <see cref="FeedException"/> with a one-line reason.</summary>
    public static IReadOnlyList<FileSummary> Run(string root, DateOnly date)
    {
        string init = Path.Combine(root, "init");
        foreach (var (file, header) in FeedContract.InitFiles)
            CheckHeader(Path.Combine(init, file), header);

        string day = Path.Combine(root, "raw", "dt=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        string manifestPath = Path.Combine(day, "_manifest.json");
        if (!File.Exists(manifestPath))
            throw new FeedException($"{day} is missing or incomplete (no _manifest.json); generate it with `./spark-submit.sh data-gen daily --date {date:yyyy-MM-dd}`");
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var files = manifest.RootElement.GetProperty("files");

        var summary = new List<FileSummary>();
        foreach (var (file, header) in FeedContract.DailyFiles)
        {
            string path = Path.Combine(day, file);
            if (header is not null) CheckHeader(path, header);
            else if (!File.Exists(path)) throw new FeedException($"required input {path} is missing");
            if (!files.TryGetProperty(file, out var counts))
                throw new FeedException($"{manifestPath} does not list {file}");
            long expected = counts.GetProperty("rows").GetInt64();
            long actual = CountLines(path) - (header is null ? 0 : 1);
            if (actual != expected)
                throw new FeedException($"{path} holds {actual} records but its manifest says {expected}: the feed is truncated or was changed");
            summary.Add(new FileSummary(file, actual, counts.GetProperty("malformed").GetInt64(), counts.GetProperty("duplicate").GetInt64(),
                counts.GetProperty("stale").GetInt64(), counts.GetProperty("late").GetInt64()));
        }
        return summary;
    }

    private static void CheckHeader(string path, string expected)
    {
        if (!File.Exists(path)) throw new FeedException($"required input {path} is missing");
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (header != expected)
            throw new FeedException($"{path}: header '{header}' does not match the contract's '{expected}'");
    }

    /// <summary>Counts LF-terminated lines (records never span lines in the contract's files).</summary>
    private static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }
}
