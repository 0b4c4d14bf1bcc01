using System.Globalization;
using System.Text.RegularExpressions;

namespace Kindling.DataGen.Tests.Support;

/// <summary>
/// Reads a generated dataset back from its files and classifies every record the way DATA-CONTRACT
/// section 3 defines the categories (first that applies: malformed, duplicate, stale, late), keeping
/// the valid ones for the referential checks. Knows nothing of the generator's own objects.
/// </summary>
internal sealed partial class ContractChecker
{
    public sealed record Version(DateTime UpdatedAt, char Op, List<string?> Fields);

    public sealed record LogLine(string Ip, string User, DateTime Utc, string Method, string Path, int Status, long? Bytes);

    public sealed class Counts
    {
        public long Rows, Duplicate, Stale, Late, Malformed;
    }

    private enum Kind { Long, Int, Decimal, Text, Date, Timestamp, Bool, Country, Currency, Op }

    private static readonly Dictionary<string, (Kind Kind, bool Required)[]> Specs = new()
    {
        ["companies"] = [(Kind.Long, true), (Kind.Text, true), (Kind.Country, true), (Kind.Text, false), (Kind.Timestamp, true)],
        ["customers"] = [(Kind.Long, true), (Kind.Text, true), (Kind.Date, false), (Kind.Text, true), (Kind.Text, true), (Kind.Text, false), (Kind.Country, true), (Kind.Long, true), (Kind.Timestamp, true)],
        ["products"] = [(Kind.Long, true), (Kind.Text, true), (Kind.Text, false), (Kind.Decimal, true), (Kind.Currency, true), (Kind.Long, true)],
        ["orders"] = [(Kind.Long, true), (Kind.Long, true), (Kind.Long, true), (Kind.Long, true), (Kind.Int, true), (Kind.Decimal, true), (Kind.Timestamp, true)],
        ["leads"] = [(Kind.Long, true), (Kind.Long, true), (Kind.Long, true), (Kind.Long, true), (Kind.Int, true), (Kind.Decimal, true), (Kind.Decimal, true), (Kind.Bool, true), (Kind.Long, false), (Kind.Timestamp, true)],
    };

    public Dictionary<long, List<Version>> Companies { get; } = [];
    public Dictionary<long, List<Version>> Customers { get; } = [];
    public Dictionary<long, List<string?>> Products { get; } = [];
    public List<(DateOnly Day, List<string?> Fields)> Orders { get; } = [];
    public List<(DateOnly Day, List<string?> Fields)> Leads { get; } = [];
    public List<(DateOnly Day, LogLine Line)> Weblogs { get; } = [];
    public List<(uint Start, uint End, string Country)> Blocks { get; } = [];
    public Dictionary<(DateOnly Day, string File), Counts> Observed { get; } = [];
    public List<string> InitUpdatedAt { get; } = [];

    private readonly Dictionary<string, HashSet<string>> _seen = [];

    public static ContractChecker Read(GeneratedDataset data)
    {
        var c = new ContractChecker();
        c.ReadInit(data);
        foreach (var day in data.Days) c.ReadDay(data, day);
        return c;
    }

    private void ReadInit(GeneratedDataset data)
    {
        foreach (string line in Rfc4180.DataLines(data.Init("geo_ip_blocks.csv")))
        {
            var f = Rfc4180.Split(line)!;
            Blocks.Add((ParseIp(f[0]!), ParseIp(f[1]!), f[2]!));
        }
        foreach (string file in new[] { "companies", "customers", "products", "orders" })
            foreach (string line in Rfc4180.DataLines(data.Init(file + ".csv")))
            {
                var fields = Rfc4180.Split(line);
                Assert.True(fields is not null && Valid(file, fields, withOp: false), $"init/{file}.csv holds a malformed record: {line}");
                Assert.True(Seen(file).Add(line), $"init/{file}.csv holds a duplicate: {line}");
                switch (file)
                {
                    case "companies": AddVersion(Companies, fields!, 4, 'I'); InitUpdatedAt.Add(fields![4]!); break;
                    case "customers": AddVersion(Customers, fields!, 8, 'I'); InitUpdatedAt.Add(fields![8]!); break;
                    case "products": Assert.True(Products.TryAdd(long.Parse(fields![0]!), fields), $"product id reused: {line}"); break;
                    default: Orders.Add((DateOnly.MinValue, fields!)); break;
                }
            }
    }

    private HashSet<string> Seen(string file) => _seen.TryGetValue(file, out var s) ? s : _seen[file] = [];

    private static void AddVersion(Dictionary<long, List<Version>> history, List<string?> fields, int updatedAtIndex, char op)
    {
        long id = long.Parse(fields[0]!);
        if (!history.TryGetValue(id, out var versions)) history[id] = versions = [];
        versions.Add(new Version(ParseTimestamp(fields[updatedAtIndex]!)!.Value, op, fields));
    }

    private void ReadDay(GeneratedDataset data, DateOnly day)
    {
        foreach (string file in new[] { "companies", "customers", "orders", "leads" })
        {
            var counts = Observed[(day, file + ".csv")] = new Counts();
            bool dimension = file is "companies" or "customers";
            foreach (string line in Rfc4180.DataLines(data.Raw(day, file + ".csv")))
            {
                counts.Rows++;
                var fields = Rfc4180.Split(line);
                if (fields is null || !Valid(file, fields, withOp: dimension)) { counts.Malformed++; continue; }
                if (!Seen(file).Add(line)) { counts.Duplicate++; continue; }
                if (dimension)
                {
                    var history = file == "companies" ? Companies : Customers;
                    int tsIndex = file == "companies" ? 4 : 8;
                    long id = long.Parse(fields[0]!);
                    DateTime at = ParseTimestamp(fields[tsIndex]!)!.Value;
                    if (history.TryGetValue(id, out var versions) && versions.Count > 0 && at < versions.Max(v => v.UpdatedAt)) { counts.Stale++; continue; }
                    AddVersion(history, fields, tsIndex, fields[^1]![0]);
                }
                else
                {
                    DateTime created = ParseTimestamp(fields[^1]!)!.Value;
                    if (DateOnly.FromDateTime(created) < day) counts.Late++;
                    Assert.True(DateOnly.FromDateTime(created) <= day && DateOnly.FromDateTime(created) >= day.AddDays(-3), $"{file} of {day} has created_at {created:o} outside D-3..D");
                    (file == "orders" ? Orders : Leads).Add((day, fields));
                }
            }
        }

        var logCounts = Observed[(day, "weblogs.log")] = new Counts();
        foreach (string line in Rfc4180.DataLines(data.Raw(day, "weblogs.log"), header: false))
        {
            logCounts.Rows++;
            var parsed = ParseLog(line);
            if (parsed is null) { logCounts.Malformed++; continue; }
            var utcDay = DateOnly.FromDateTime(parsed.Utc);
            if (utcDay < day) logCounts.Late++;
            Assert.True(utcDay <= day && utcDay >= day.AddDays(-3), $"weblog of {day} has a request at {parsed.Utc:o}: {line}");
            Weblogs.Add((day, parsed));
        }
    }

    private static bool Valid(string file, List<string?> fields, bool withOp)
    {
        var spec = Specs[file];
        if (fields.Count != spec.Length + (withOp ? 1 : 0)) return false;
        for (int i = 0; i < spec.Length; i++)
        {
            string? v = fields[i];
            if (v is null) { if (spec[i].Required) return false; continue; }
            bool ok = spec[i].Kind switch
            {
                Kind.Long => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                Kind.Int => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int q) && q >= 1,
                Kind.Decimal => DecimalPattern().IsMatch(v) && v[0] != '-',
                Kind.Date => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                Kind.Timestamp => ParseTimestamp(v) is not null,
                Kind.Bool => v is "true" or "false",
                Kind.Country => v.Length == 2 && v.All(char.IsAsciiLetterUpper),
                Kind.Currency => v == "USD",
                _ => true,
            };
            if (!ok) return false;
        }
        return !withOp || fields[^1] is "I" or "U" or "D";
    }

    public static DateTime? ParseTimestamp(string v) =>
        DateTime.TryParseExact(v, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static uint ParseIp(string ip)
    {
        var p = ip.Split('.');
        Assert.Equal(4, p.Length);
        return (uint.Parse(p[0]) << 24) | (uint.Parse(p[1]) << 16) | (uint.Parse(p[2]) << 8) | uint.Parse(p[3]);
    }

    private static LogLine? ParseLog(string line)
    {
        var m = LogPattern().Match(line);
        if (!m.Success) return null;
        string time = m.Groups["time"].Value;
        if (!DateTime.TryParseExact(time[..20], "dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        string zone = time[21..];
        int offsetMinutes = (zone[0] == '-' ? -1 : 1) * (int.Parse(zone[1..3]) * 60 + int.Parse(zone[3..5]));
        var utc = DateTime.SpecifyKind(local.AddMinutes(-offsetMinutes), DateTimeKind.Utc);
        return new LogLine(m.Groups["ip"].Value, m.Groups["user"].Value, utc, m.Groups["method"].Value, m.Groups["path"].Value,
            int.Parse(m.Groups["status"].Value), m.Groups["size"].Value == "-" ? null : long.Parse(m.Groups["size"].Value));
    }

    [GeneratedRegex(@"^-?\d+(\.\d{1,4})?$")]
    private static partial Regex DecimalPattern();

    // Apache Combined Log Format, as DATA-CONTRACT section 2 shows it.
    [GeneratedRegex("^(?<ip>\\d{1,3}(\\.\\d{1,3}){3}) - (?<user>\\S+) \\[(?<time>\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})\\] \"(?<method>[A-Z]+) (?<path>\\S+) (?<proto>HTTP/\\d\\.\\d)\" (?<status>\\d{3}) (?<size>\\d+|-) \"(?<ref>[^\"]*)\" \"(?<ua>[^\"]*)\"$")]
    private static partial Regex LogPatternCore();

    private static Regex LogPattern() => LogPatternCore();

    /// <summary>The version of a key valid at <paramref name="at"/>, or null before its first version.</summary>
    public static Version? VersionAt(Dictionary<long, List<Version>> history, long id, DateTime at)
    {
        if (!history.TryGetValue(id, out var versions)) return null;
        Version? current = null;
        foreach (var v in versions)
            if (v.UpdatedAt <= at && (current is null || v.UpdatedAt >= current.UpdatedAt)) current = v;
        return current;
    }

    public static bool AliveAt(Dictionary<long, List<Version>> history, long id, DateTime at) =>
        VersionAt(history, id, at) is { Op: not 'D' };
}
