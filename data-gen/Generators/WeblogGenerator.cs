using System.Globalization;
using Kindling.DataGen.Model;
using Kindling.DataGen.Text;
using Kindling.DataGen.World;
using Kindling.DataGen.Writers;

namespace Kindling.DataGen.Generators;

/// <summary>
/// Writes a day's access log in Apache Combined Log Format. Visitors are customers (their user name,
/// their IP in their country's block, their time zone) or anonymous; product paths name real
/// products. On-time lines come in time order, late ones (D-3..D-1) after them.
/// </summary>
internal static class WeblogGenerator
{
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames;

    public static FileCounts Write(string path, GeneratorOptions options, WorldState world, int day, CustomerRecord[] stable)
    {
        var rng = DeterministicRandom.For(options.Seed, "weblogs", day);
        int count = options.WeblogLinesPerDay;
        var late = new bool[count];
        var at = new long[count];
        int lateCount = 0;
        for (int i = 0; i < count; i++)
        {
            late[i] = rng.Chance(options.LateRate);
            if (late[i]) lateCount++;
        }
        // Seconds since the start of the fact's day; on-time lines first, sorted.
        int onTime = count - lateCount, next = 0;
        for (int i = 0; i < onTime; i++) at[next++] = rng.NextLong(86_400);
        Array.Sort(at, 0, onTime);
        var dayOf = new int[count];
        for (int i = 0; i < onTime; i++) dayOf[i] = day;
        for (int i = onTime; i < count; i++)
        {
            dayOf[i] = day - rng.Next(1, 4);
            at[i] = rng.NextLong(86_400);
        }

        using var file = new FeedWriter(path, header: null);
        var line = new LineBuilder();
        for (int i = 0; i < count; i++)
        {
            DateTime utc = options.DayStartUtc(dayOf[i]).AddSeconds(at[i]);
            BuildLine(line, rng, world, stable, utc);
            file.Write(line.Line, late: i >= onTime);
            if (rng.Chance(options.MalformedRate))
            {
                BuildLine(line, rng, world, stable, utc);
                Corrupt(line, rng);
                file.WriteMalformed(line.Line);
            }
        }
        return file.Counts;
    }

    private static void BuildLine(LineBuilder line, DeterministicRandom rng, WorldState world, CustomerRecord[] stable, DateTime utc)
    {
        string user;
        uint ip;
        int offset;
        if (rng.Chance(0.65))
        {
            var customer = stable[rng.Next(stable.Length)];
            user = customer.UserName;
            ip = customer.Ip;
            offset = customer.UtcOffsetMinutes;
        }
        else
        {
            user = "-";
            var country = rng.Pick(Country.All);
            offset = rng.Pick(country.OffsetsMinutes);
            if (rng.Chance(0.7))
            {
                var block = GeoIpBlock.All[rng.Next(GeoIpBlock.All.Length)];
                ip = block.Start + (uint)rng.NextLong(block.End - block.Start + 1);
            }
            else
            {
                // Documentation ranges: in no block, so the weblog job finds no country.
                ip = (rng.Chance(0.5) ? (198u << 24) | (51u << 16) | (100u << 8) : (203u << 24) | (113u << 8)) | (uint)rng.Next(256);
            }
        }

        var (method, path, status, size) = Request(rng, world);
        string agent = rng.Next(100) switch
        {
            < 55 => rng.Pick(Vocabulary.DesktopAgents),
            < 80 => rng.Pick(Vocabulary.MobileAgents),
            < 90 => rng.Pick(Vocabulary.TabletAgents),
            _ => rng.Pick(Vocabulary.BotAgents),
        };
        DateTime local = utc.AddMinutes(offset);

        line.Clear();
        line.Raw(GeoIpBlock.Format(ip));
        line.Raw(" - ");
        line.Raw(user);
        line.Raw(" [");
        line.Raw(local.ToString("dd", CultureInfo.InvariantCulture));
        line.Raw("/");
        line.Raw(Months[local.Month - 1]);
        line.Raw(local.ToString("/yyyy:HH:mm:ss ", CultureInfo.InvariantCulture));
        line.Raw(offset < 0 ? "-" : "+");
        line.Raw((Math.Abs(offset) / 60 * 100 + Math.Abs(offset) % 60).ToString("0000", CultureInfo.InvariantCulture));
        line.Raw("] \"");
        line.Raw(method);
        line.Raw(" ");
        line.Raw(path);
        line.Raw(rng.Chance(0.8) ? " HTTP/1.1\" " : " HTTP/2.0\" ");
        line.Raw(status.ToString(CultureInfo.InvariantCulture));
        line.Raw(" ");
        line.Raw(size < 0 ? "-" : size.ToString(CultureInfo.InvariantCulture));
        line.Raw(" \"");
        line.Raw(rng.Pick(Vocabulary.Referrers));
        line.Raw("\" \"");
        line.Raw(agent);
        line.Raw("\"");
    }

    private static (string Method, string Path, int Status, int Size) Request(DeterministicRandom rng, WorldState world)
    {
        long product = world.Products[rng.Next(world.Products.Length)].Id;
        int roll = rng.Next(100);
        (string method, string path) = roll switch
        {
            < 40 => (rng.Chance(0.95) ? "GET" : "HEAD", $"/products/{product}"),
            < 45 => ("GET", $"/products/{product}?ref=search"),
            < 50 => ("GET", $"/products/{product}/reviews"),
            < 65 => ("GET", $"/search?q={rng.Pick(Vocabulary.SearchTerms)}"),
            < 75 => (rng.Chance(0.5) ? "GET" : "POST", "/cart"),
            < 80 => ("POST", "/checkout"),
            < 85 => ("GET", $"/leads/{rng.Next(1, 100_000)}"),
            < 93 => ("GET", "/"),
            _ => ("GET", $"/static/app.{rng.Next(1, 9)}.js"),
        };
        int status = rng.Next(100) switch
        {
            < 82 => 200,
            < 88 => 304,
            < 92 => 302,
            < 97 => 404,
            _ => 500,
        };
        int size = status == 304 || method == "HEAD" ? -1 : rng.Next(200, 60_000);
        return (method, path, status, size);
    }

    /// <summary>Breaks a log line so it no longer matches the format, or its time, status or size no longer parses.</summary>
    private static void Corrupt(LineBuilder line, DeterministicRandom rng)
    {
        string text = System.Text.Encoding.UTF8.GetString(line.Line);
        string broken = rng.Next(4) switch
        {
            0 => text[..text.IndexOf('"')], // truncated before the request
            1 => text.Replace("] \"", "] \"BROKEN "), // four-part request line
            2 => System.Text.RegularExpressions.Regex.Replace(text, @"\[\d\d/", "[41/"), // day 41
            _ => System.Text.RegularExpressions.Regex.Replace(text, "\" (\\d{3}) ", "\" 2x0 "), // status
        };
        line.Set(System.Text.Encoding.UTF8.GetBytes(broken));
    }
}
