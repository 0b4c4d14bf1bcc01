
namespace Kindling.Jobs.Etl;

/// <summary>
/// Parses a day's access log (Apache Combined Log Format) into the weblogs table (DATA-CONTRACT section 4):
/// times converted to UTC, the device class from the user agent, the country from geo_ip_blocks and the
/// product from <c>/products/{id}</c> paths. Lines that do not match the format go to rejects. Each row keeps
/// the feed day and line it came from (<c>feed_dt</c>, <c>feed_line</c>): identical lines are real repeated
/// requests and are all kept, while a rerun of the day replaces its own rows instead of adding them again.
/// </summary>
internal static class WeblogTable
{
    // ip, identity, user, [time], "method path protocol", status, size, "referrer", "user agent"
    private const string LinePattern =
        "^(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}) \\S+ (\\S+) \\[([^\\]]+)\\] \"([A-Z]+) (\\S+) ([^\" ]+)\" (\\d{3}) (\\d+|-) \"([^\"]*)\" \"([^\"]*)\"$";

    private const string TimePattern = "dd/MMM/yyyy:HH:mm:ss Z";

    /// <summary>Parses and checks the day's log (rejects written, threshold enforced); returns the table's new rows.</summary>
    public static DataFrame Parse(RunContext run, string path, string source, DataFrame geoIpBlocks)
    {
        if (!File.Exists(path)) throw new EtlException($"required input {path} is missing");
        DataFrame lines = InputFile.Numbered(run.Spark.Read().Text(path), first: 1);
        DataFrame fields = lines
            .WithColumn("_match", Col("value").RLike(LinePattern))
            .WithColumn("ip", Field(1))
            .WithColumn("user_name", When(Field(2) != "-", Field(2)))
            .WithColumn("ts", ToTimestamp(Field(3), TimePattern))
            .WithColumn("method", Field(4))
            .WithColumn("path", Field(5))
            .WithColumn("protocol", Field(6))
            .WithColumn("status", Field(7).Cast("int"))
            .WithColumn("bytes", When(Field(8) != "-", Field(8).Cast("bigint")))
            .WithColumn("referrer", Field(9))
            .WithColumn("user_agent", Field(10))
            .WithColumn(InputFile.ReasonColumnName,
                When(!Col("_match"), "malformed log line: does not match the Combined Log Format")
                    .When(Col("ts").IsNull(), "malformed log line: the time does not parse")
                    .When(Field(8) != "-" & Col("bytes").IsNull(), "malformed log line: the size does not parse"))
            .Cache();

        DataFrame rejects = fields.Filter(Col(InputFile.ReasonColumnName).IsNotNull()).Select(Col(InputFile.LineColumn), Col(InputFile.ReasonColumnName)).Cache();
        long total = fields.Count(), rejected = rejects.Count();
        InputFile.WriteRejects(run, path, source, rejects);
        run.Log.WriteLine($"  {source,-22} {total,9:N0} lines   {rejected,6:N0} rejected");
        if (total > 0 && rejected > run.RejectThreshold * total)
            throw new EtlException($"{path}: {rejected} of {total} lines rejected, over the threshold of {run.RejectThreshold:P1}; see {run.Layout.Rejects(source, run.RunDate)}");

        DataFrame requests = fields.Filter(Col(InputFile.ReasonColumnName).IsNull())
            .WithColumn("device", Device(Col("user_agent")))
            .WithColumn("prod_id", ProductId(Col("path")))
            .WithColumn("_ip_number", IpNumber(Col("ip")))
            .Cache();
        DataFrame located = requests
            .Join(Blocks(geoIpBlocks), (Col("_ip_number") >= Col("_block_start")) & (Col("_ip_number") <= Col("_block_end")))
            .Select(Col(InputFile.LineColumn), Col("_block_country").As("country"));
        return requests.Join(located, [InputFile.LineColumn], "left")
            .Select(Col("ip"), Col("user_name"), Col("ts"), Col("method"), Col("path"), Col("protocol"), Col("status"), Col("bytes"),
                Col("referrer"), Col("user_agent"), Col("device"), Col("country"), Col("prod_id"),
                Lit(run.Day).Cast("date").As("feed_dt"), Col(InputFile.LineColumn).As("feed_line"), ToDate(Col("ts")).As("dt"));
    }

    /// <summary>geo_ip_blocks with numeric bounds, ready for the range lookup.</summary>
    private static DataFrame Blocks(DataFrame geoIpBlocks) =>
        geoIpBlocks.Select(IpNumber(Col("network_start")).As("_block_start"), IpNumber(Col("network_end")).As("_block_end"), Col("country").As("_block_country"));

    private static Column Field(int group) => RegexpExtract(Col("value"), LinePattern, group);

    /// <summary>A dotted IPv4 address as a number (a.b.c.d = a·2^24 + b·2^16 + c·2^8 + d).</summary>
    private static Column IpNumber(Column ip)
    {
        Column Octet(int i) => RegexpExtract(ip, "^(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)$", i).Cast("bigint");
        return (Octet(1) * 16777216L) + (Octet(2) * 65536L) + (Octet(3) * 256L) + Octet(4);
    }

    /// <summary>The requested product: the path before any '?' is exactly /products/ followed by digits.</summary>
    private static Column ProductId(Column path)
    {
        Column digits = RegexpExtract(path, "^/products/(\\d+)(\\?.*)?$", 1);
        return When(digits != "", digits.Cast("bigint"));
    }

    /// <summary>desktop, mobile, tablet, bot or other, from the user agent (bots first: some claim a desktop browser).</summary>
    private static Column Device(Column agent) =>
        When(agent.RLike("(?i)(bot|crawler|spider|slurp)"), "bot")
            .When(agent.RLike("(?i)(ipad|tablet)") | (agent.RLike("(?i)android") & !agent.RLike("(?i)mobile")), "tablet")
            .When(agent.RLike("(?i)(mobile|iphone|android)"), "mobile")
            .When(agent.RLike("(?i)(windows|macintosh|x11|linux|cros)"), "desktop")
            .Otherwise("other");
}
