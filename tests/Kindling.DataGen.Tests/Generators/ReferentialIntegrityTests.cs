using Kindling.DataGen.Tests.Support;
using static Kindling.DataGen.Tests.Support.ContractChecker;

namespace Kindling.DataGen.Tests.Generators;

/// <summary>Every relationship of DATA-CONTRACT section 3, checked from the files over several days at two scales.</summary>
public sealed class ReferentialIntegrityTests
{
    public static TheoryData<int> Scales => [1, 2];

    private static ContractChecker Check(int scale) => Read(Datasets.Get(scale));

    [Theory, MemberData(nameof(Scales))]
    public void Counts_follow_the_scale(int scale)
    {
        var c = Check(scale);
        Assert.Equal(5_000 * scale, c.Companies.Values.Count(v => v[0].Op == 'I' && v[0].UpdatedAt < Datasets.Start.ToDateTime(TimeOnly.MinValue)));
        Assert.Equal(5_000 * scale, c.Products.Count);
        Assert.Equal(5_000 * scale, c.Orders.Count(o => o.Day == DateOnly.MinValue));
        var data = Datasets.Get(scale);
        foreach (var day in data.Days)
        {
            Assert.Equal(2_000 * scale, c.Orders.Count(o => o.Day == day));
            Assert.Equal(2_000 * scale, c.Leads.Count(o => o.Day == day));
            Assert.Equal(2_000 * scale, c.Weblogs.Count(o => o.Day == day));
        }
    }

    [Theory, MemberData(nameof(Scales))]
    public void Keys_are_unique_across_all_days(int scale)
    {
        var c = Check(scale);
        var orderIds = new HashSet<long>();
        foreach (var (_, f) in c.Orders) Assert.True(orderIds.Add(long.Parse(f[0]!)), $"order id {f[0]} reused");
        var leadIds = new HashSet<long>();
        foreach (var (_, f) in c.Leads)
        {
            Assert.True(leadIds.Add(long.Parse(f[0]!)), $"lead id {f[0]} reused");
            if (f[8] is not null) Assert.True(orderIds.Add(long.Parse(f[8]!)), $"converted lead's order {f[8]} also exists elsewhere");
        }
        // An insert never reuses a key.
        foreach (var history in new[] { c.Companies, c.Customers })
            foreach (var (id, versions) in history)
                Assert.Equal(1, versions.Count(v => v.Op == 'I'));
    }

    [Theory, MemberData(nameof(Scales))]
    public void User_names_and_emails_are_never_reused(int scale)
    {
        var c = Check(scale);
        var userOwner = new Dictionary<string, long>();
        var emailOwner = new Dictionary<string, long>();
        foreach (var (id, versions) in c.Customers)
            foreach (var v in versions)
            {
                Assert.Equal(id, userOwner.TryAdd(v.Fields[3]!, id) ? id : userOwner[v.Fields[3]!]);
                Assert.Equal(id, emailOwner.TryAdd(v.Fields[4]!, id) ? id : emailOwner[v.Fields[4]!]);
            }
    }

    [Theory, MemberData(nameof(Scales))]
    public void Init_rows_precede_every_fact(int scale)
    {
        var c = Check(scale);
        DateTime latestInit = c.InitUpdatedAt.Select(t => ParseTimestamp(t)!.Value).Max();
        DateTime earliestFact = c.Orders.Select(o => ParseTimestamp(o.Fields[6]!)!.Value).Min();
        Assert.True(latestInit < earliestFact, $"init updated_at {latestInit:o} is not before the first fact {earliestFact:o}");
        Assert.All(c.Orders.Where(o => o.Day == DateOnly.MinValue), o =>
            Assert.True(ParseTimestamp(o.Fields[6]!)!.Value < Datasets.Start.ToDateTime(TimeOnly.MinValue)));
    }

    [Theory, MemberData(nameof(Scales))]
    public void Facts_reference_live_rows_and_the_customers_company_at_their_time(int scale)
    {
        var c = Check(scale);
        foreach (var (day, f) in c.Orders.Concat(c.Leads.Select(l => (l.Day, l.Fields))))
        {
            bool isLead = f.Count == 10;
            DateTime at = ParseTimestamp(f[^1]!)!.Value;
            long prod = long.Parse(f[1]!), customer = long.Parse(f[2]!), company = long.Parse(f[3]!);
            Assert.True(c.Products.ContainsKey(prod), $"fact {f[0]} of {day}: unknown product {prod}");
            var version = VersionAt(c.Customers, customer, at);
            Assert.True(version is { Op: not 'D' }, $"fact {f[0]} of {day}: customer {customer} is not alive at {at:o}");
            Assert.Equal(long.Parse(version!.Fields[7]!), company);
            Assert.True(AliveAt(c.Companies, company, at), $"fact {f[0]}: company {company} is not alive at {at:o}");
            if (isLead)
                Assert.Equal(f[7] == "true", f[8] is not null);
        }
    }

    [Theory, MemberData(nameof(Scales))]
    public void About_half_of_the_leads_convert(int scale)
    {
        var c = Check(scale);
        double converted = c.Leads.Count(l => l.Fields[7] == "true") / (double)c.Leads.Count;
        Assert.InRange(converted, 0.45, 0.55);
    }

    [Theory, MemberData(nameof(Scales))]
    public void Dimension_rows_reference_live_companies_and_deletes_only_unreferenced_keys(int scale)
    {
        var c = Check(scale);
        var suppliers = c.Products.Values.Select(p => long.Parse(p[5]!)).ToHashSet();
        foreach (long supplier in suppliers)
            Assert.True(c.Companies.ContainsKey(supplier) && c.Companies[supplier].All(v => v.Op != 'D'), $"supplier {supplier} missing or deleted");

        foreach (var (id, versions) in c.Customers)
            foreach (var v in versions.Where(v => v.Op != 'D'))
                Assert.True(AliveAt(c.Companies, long.Parse(v.Fields[7]!), v.UpdatedAt), $"customer {id} at {v.UpdatedAt:o} points at a dead company {v.Fields[7]}");

        foreach (var (id, versions) in c.Companies)
            foreach (var delete in versions.Where(v => v.Op == 'D'))
            {
                Assert.DoesNotContain(id, suppliers);
                foreach (var (customerId, _) in c.Customers)
                {
                    var cv = VersionAt(c.Customers, customerId, delete.UpdatedAt);
                    Assert.False(cv is { Op: not 'D' } && long.Parse(cv.Fields[7]!) == id,
                        $"company {id} deleted at {delete.UpdatedAt:o} while customer {customerId} still references it");
                }
            }
    }

    [Theory, MemberData(nameof(Scales))]
    public void Weblog_users_ips_and_product_paths_are_real(int scale)
    {
        var c = Check(scale);
        var byUser = new Dictionary<string, long>();
        foreach (var (id, versions) in c.Customers) byUser[versions[0].Fields[3]!] = id;
        int productViews = 0, known = 0;
        foreach (var (day, line) in c.Weblogs)
        {
            if (line.User != "-")
            {
                known++;
                Assert.True(byUser.TryGetValue(line.User, out long customer), $"weblog user {line.User} is not a customer");
                var version = VersionAt(c.Customers, customer, line.Utc);
                Assert.True(version is { Op: not 'D' }, $"weblog user {line.User} is not alive at {line.Utc:o}");
                uint ip = ParseIp(line.Ip);
                Assert.Contains(c.Blocks, b => ip >= b.Start && ip <= b.End && b.Country == version!.Fields[6]);
            }
            string path = line.Path.Split('?')[0];
            if (path.StartsWith("/products/") && path[10..].Length > 0 && path[10..].All(char.IsAsciiDigit))
            {
                productViews++;
                Assert.True(c.Products.ContainsKey(long.Parse(path[10..])), $"weblog names unknown product {path}");
            }
        }
        Assert.True(productViews > c.Weblogs.Count / 4, "too few product views");
        Assert.True(known > c.Weblogs.Count / 2, "too few known users");
    }

    [Fact]
    public void Values_need_quoting_and_non_ascii_regularly()
    {
        var data = Datasets.Get(1);
        string companies = File.ReadAllText(data.Init("companies.csv"));
        string customers = File.ReadAllText(data.Init("customers.csv"));
        int lines = companies.Count(ch => ch == '\n');
        Assert.True(companies.Split('\n').Count(l => l.Contains('"')) > lines / 20, "names with commas or quotes are rare");
        Assert.Contains("\"\"", companies); // an embedded, doubled quote
        Assert.True(customers.Split('\n').Count(l => l.Any(ch => ch > 127)) > lines / 10, "non-ASCII names are rare");
    }
}
