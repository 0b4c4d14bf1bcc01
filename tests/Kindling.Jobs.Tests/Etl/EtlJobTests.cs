using System.Text.Json;
using Kindling.DataGen.Cli;
using Kindling.Engine.Tests.Interop;

namespace Kindling.Jobs.Tests.Etl;

/// <summary>
/// The daily ETL end to end on generated data, checked by an independent implementation: DuckDB reads the
/// raw feeds and our Parquet tables and computes what the tables and reports must hold.
/// </summary>
public sealed class EtlJobTests(EtlRunFixture run) : IClassFixture<EtlRunFixture>
{
    private static long Long(string? s) => long.Parse(s!, System.Globalization.CultureInfo.InvariantCulture);

    private string RawGlob(string file) => NodeInterop.Sql(Path.Combine(run.Root, "raw", "dt=*", file));

    [Fact]
    public void Rejects_Hold_Exactly_The_Malformed_Records_Of_Each_File()
    {
        foreach (string day in new[] { EtlRunFixture.Day1, EtlRunFixture.Day2 })
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Root, "raw", "dt=" + day, "_manifest.json")));
            foreach (var file in manifest.RootElement.GetProperty("files").EnumerateObject())
            {
                string folder = Path.Combine(run.Root, "rejects", "source=" + file.Name, "dt=" + day);
                Assert.True(File.Exists(Path.Combine(folder, "_SUCCESS")), folder);
                var rows = NodeInterop.DuckDb($"SELECT count(*), count(DISTINCT line_number), min(source_file), count(*) FILTER (WHERE raw_text IS NULL OR reason IS NULL) " +
                    $"FROM read_csv({NodeInterop.Sql(Path.Combine(folder, "*.csv"))}, header = true, quote = '\"', escape = '\"')");
                Assert.Equal(file.Value.GetProperty("malformed").GetInt64(), Long(rows[0][0]));
                Assert.Equal(rows[0][0], rows[0][1]);
                Assert.Equal("0", rows[0][3]);
                if (Long(rows[0][0]) > 0) Assert.Equal(file.Name, rows[0][2]);
            }
        }
        // The initial load is checked too; its rejects are filed under an escaped name.
        Assert.True(Directory.Exists(Path.Combine(run.Root, "rejects", "source=init%2Forders.csv")));
    }

    [Fact]
    public void Orders_Hold_Every_Valid_Order_Once()
    {
        // DuckDB's own reading of the contract: typed, required values present, business rules kept.
        string valid = $"""
            SELECT TRY_CAST(order_id AS BIGINT) AS id FROM read_csv([{NodeInterop.Sql(Path.Combine(run.Root, "init", "orders.csv"))}, {RawGlob("orders.csv")}],
                header = true, all_varchar = true, ignore_errors = true, quote = '"', escape = '"')
            WHERE TRY_CAST(order_id AS BIGINT) IS NOT NULL AND TRY_CAST(prod_id AS BIGINT) IS NOT NULL AND TRY_CAST(customer_id AS BIGINT) IS NOT NULL
              AND TRY_CAST(company_id AS BIGINT) IS NOT NULL AND TRY_CAST(quantity AS INT) >= 1 AND TRY_CAST(prod_quote_price AS DECIMAL(15,4)) >= 0
              AND TRY_STRPTIME(created_at, '%Y-%m-%dT%H:%M:%SZ') IS NOT NULL
            UNION ALL
            SELECT TRY_CAST(order_id AS BIGINT) FROM read_csv({RawGlob("leads.csv")}, header = true, all_varchar = true, ignore_errors = true, quote = '"', escape = '"')
            WHERE is_lead_sale = 'true' AND TRY_CAST(order_id AS BIGINT) IS NOT NULL AND TRY_CAST(crm_lead_id AS BIGINT) IS NOT NULL
              AND TRY_CAST(prod_id AS BIGINT) IS NOT NULL AND TRY_CAST(customer_id AS BIGINT) IS NOT NULL AND TRY_CAST(company_id AS BIGINT) IS NOT NULL
              AND TRY_CAST(quantity AS INT) >= 1 AND TRY_CAST(prod_quote_price AS DECIMAL(15,4)) >= 0 AND TRY_CAST(quote_value AS DECIMAL(15,4)) >= 0
              AND TRY_STRPTIME(created_at, '%Y-%m-%dT%H:%M:%SZ') IS NOT NULL
            """;
        var expected = NodeInterop.DuckDb($"SELECT count(DISTINCT id) FROM ({valid})");
        var table = NodeInterop.DuckDb($"SELECT count(*), count(DISTINCT order_id), count(*) FILTER (WHERE dt <> CAST(created_at AS DATE)), " +
            $"count(*) FILTER (WHERE (source = 'lead') <> (crm_lead_id IS NOT NULL)) FROM {run.Parquet("orders")}");
        Assert.Equal(expected[0][0], table[0][0]);
        Assert.Equal(table[0][0], table[0][1]);
        Assert.Equal("0", table[0][2]);
        Assert.Equal("0", table[0][3]);
    }

    [Fact]
    public void Leads_And_Weblogs_Hold_Every_Valid_Record_Once()
    {
        var leads = NodeInterop.DuckDb($"SELECT count(*), count(DISTINCT crm_lead_id) FROM {run.Parquet("leads")}");
        var expectedLeads = NodeInterop.DuckDb($"SELECT count(DISTINCT crm_lead_id) FROM read_csv({RawGlob("leads.csv")}, header = true, all_varchar = true, ignore_errors = true, quote = '\"', escape = '\"') " +
            "WHERE TRY_CAST(crm_lead_id AS BIGINT) IS NOT NULL AND TRY_CAST(quantity AS INT) >= 1 AND TRY_CAST(prod_quote_price AS DECIMAL(15,4)) >= 0 " +
            "AND TRY_CAST(quote_value AS DECIMAL(15,4)) >= 0 AND TRY_CAST(company_id AS BIGINT) IS NOT NULL AND TRY_CAST(customer_id AS BIGINT) IS NOT NULL " +
            "AND TRY_CAST(prod_id AS BIGINT) IS NOT NULL AND is_lead_sale IN ('true', 'false') AND (is_lead_sale = 'false' OR TRY_CAST(order_id AS BIGINT) IS NOT NULL) " +
            "AND TRY_STRPTIME(created_at, '%Y-%m-%dT%H:%M:%SZ') IS NOT NULL");
        Assert.Equal(expectedLeads[0][0], leads[0][0]);
        Assert.Equal(leads[0][0], leads[0][1]);

        long lines = 0, malformed = 0;
        foreach (string day in new[] { EtlRunFixture.Day1, EtlRunFixture.Day2 })
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Root, "raw", "dt=" + day, "_manifest.json")));
            var log = manifest.RootElement.GetProperty("files").GetProperty("weblogs.log");
            lines += log.GetProperty("rows").GetInt64();
            malformed += log.GetProperty("malformed").GetInt64();
        }
        var weblogs = NodeInterop.DuckDb($"SELECT count(*), count(DISTINCT (feed_dt, feed_line)), count(*) FILTER (WHERE dt <> CAST(ts AS DATE)), " +
            $"count(*) FILTER (WHERE (prod_id IS NOT NULL) <> regexp_matches(path, '^/products/[0-9]+(\\?.*)?$')), " +
            $"count(*) FILTER (WHERE device NOT IN ('desktop', 'mobile', 'tablet', 'bot', 'other')), count(country) FROM {run.Parquet("weblogs")}");
        Assert.Equal(lines - malformed, Long(weblogs[0][0]));
        Assert.Equal(weblogs[0][0], weblogs[0][1]);
        Assert.Equal("0,0,0", string.Join(",", weblogs[0][2..5]));
        Assert.True(Long(weblogs[0][5]) > 0, "some requests come from known IP blocks");
    }

    [Fact]
    public void Dimension_Snapshots_Are_Consistent_Type_2_Histories()
    {
        foreach (string table in new[] { "companies", "customers" })
        {
            string key = table == "companies" ? "company_id" : "customer_id";
            var broken = NodeInterop.DuckDb($"""
                WITH snap AS (SELECT * FROM {run.Parquet(table)} WHERE dt = DATE '{EtlRunFixture.Day2}'),
                     chained AS (SELECT *, lead(valid_from) OVER (PARTITION BY {key} ORDER BY valid_from) AS next_from FROM snap)
                SELECT
                  (SELECT count(*) FROM (SELECT {key} FROM snap GROUP BY {key} HAVING count(*) FILTER (WHERE is_current) <> 1)),
                  (SELECT count(*) FROM chained WHERE valid_to IS DISTINCT FROM next_from OR is_current <> (valid_to IS NULL) OR valid_from <> updated_at),
                  (SELECT count(*) FROM snap WHERE is_deleted AND NOT is_current),
                  (SELECT count(DISTINCT {key}) FROM snap),
                  (SELECT count(*) FROM (SELECT {key}, valid_from FROM snap GROUP BY ALL HAVING count(*) > 1))
                """);
            Assert.Equal("0,0,0", string.Join(",", broken[0][0..3]));
            Assert.Equal("0", broken[0][4]);
            // Every key ever delivered (initial load or a valid change) is in the snapshot.
            var keys = NodeInterop.DuckDb($"SELECT count(DISTINCT TRY_CAST({key} AS BIGINT)) FROM read_csv([{NodeInterop.Sql(Path.Combine(run.Root, "init", table + ".csv"))}, {RawGlob(table + ".csv")}], " +
                $"header = true, all_varchar = true, ignore_errors = true, union_by_name = true, quote = '\"', escape = '\"') WHERE TRY_CAST({key} AS BIGINT) IS NOT NULL AND (op IS NULL OR op IN ('I', 'U', 'D'))");
            Assert.Equal(keys[0][0], broken[0][3]);
            // A key whose newest delivered change is a delete ends deleted.
            var deletes = NodeInterop.DuckDb($"""
                WITH changes AS (SELECT TRY_CAST({key} AS BIGINT) AS k, op, TRY_STRPTIME(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS changed
                                 FROM read_csv({RawGlob(table + ".csv")}, header = true, all_varchar = true, ignore_errors = true, quote = '"', escape = '"')
                                 WHERE op IN ('I', 'U', 'D') AND TRY_CAST({key} AS BIGINT) IS NOT NULL),
                     newest AS (SELECT k, arg_max(op, changed) AS op FROM changes GROUP BY k),
                     snap AS (SELECT * FROM {run.Parquet(table)} WHERE dt = DATE '{EtlRunFixture.Day2}' AND is_current)
                SELECT count(*), count(*) FILTER (WHERE (newest.op = 'D') <> snap.is_deleted) FROM newest JOIN snap ON snap.{key} = newest.k
                """);
            Assert.True(Long(deletes[0][0]) > 0);
            Assert.Equal("0", deletes[0][1]);
        }
    }

    [Fact]
    public void Reports_Equal_DuckDB_Over_The_Same_Tables()
    {
        string d = EtlRunFixture.Day2;
        string orders = $"(SELECT * FROM {run.Parquet("orders")} WHERE dt <= DATE '{d}')";
        string products = $"(SELECT * FROM {run.Parquet("products")} WHERE dt = DATE '{d}')";
        string names = $"(SELECT company_id, company_name FROM {run.Parquet("companies")} WHERE dt = DATE '{d}' AND is_current)";
        string weblogs = $"(SELECT * FROM {run.Parquet("weblogs")} WHERE dt = DATE '{d}')";
        string monthToDate = $"CAST(created_at AS DATE) BETWEEN DATE_TRUNC('month', DATE '{d}') AND DATE '{d}'";
        AssertReport("monthly_sales", $"""
            SELECT year(created_at) AS y, month(created_at) AS m, count(*), sum(quantity),
                   round(sum(quantity * prod_quote_price), 2), round(sum(quantity * p.prod_unit_price), 2),
                   round(sum(quantity * prod_quote_price) - sum(quantity * p.prod_unit_price), 2)
            FROM {orders} o JOIN {products} p USING (prod_id) GROUP BY ALL ORDER BY y, m
            """);
        AssertReport("top_products", $"""
            WITH s AS (SELECT prod_id, sum(quantity) AS units, sum(quantity * prod_quote_price) AS revenue FROM {orders} WHERE {monthToDate} GROUP BY prod_id)
            SELECT row_number() OVER (ORDER BY revenue DESC, prod_id) AS r, s.prod_id, p.prod_name, c.company_name, units, round(revenue, 2)
            FROM s LEFT JOIN {products} p USING (prod_id) LEFT JOIN {names} c ON c.company_id = p.supplier_id ORDER BY r LIMIT 10
            """);
        AssertReport("device_usage", $"SELECT device, count(*) AS hits, count(DISTINCT user_name) FROM {weblogs} GROUP BY device ORDER BY hits DESC, device");
        AssertReport("lead_funnel", $"""
            WITH f AS (SELECT l.company_id, c.company_name, count(*) AS leads, count(*) FILTER (WHERE is_lead_sale) AS converted
                       FROM (SELECT * FROM {run.Parquet("leads")} WHERE {monthToDate}) l LEFT JOIN {names} c USING (company_id) GROUP BY ALL),
                 q AS (SELECT *, (converted * 20000 + leads) // (2 * leads) AS rate FROM f) -- exact, half up, in 1/10000
            SELECT company_id, company_name, leads, converted, printf('%d.%04d', rate // 10000, rate % 10000) FROM q ORDER BY leads DESC, company_id
            """);
        AssertReport("country_views", $"""
            WITH v AS (SELECT * FROM {weblogs} WHERE prod_id IS NOT NULL AND country IS NOT NULL),
                 top AS (SELECT country, arg_min(prod_id, (-n, prod_id)) AS top_prod FROM (SELECT country, prod_id, count(*) AS n FROM v GROUP BY ALL) GROUP BY country)
            SELECT country, count(*) AS views, count(DISTINCT user_name), any_value(top.top_prod) FROM v JOIN top USING (country) GROUP BY country ORDER BY views DESC, country
            """);
    }

    /// <summary>Our report file, field by field, against DuckDB's rows; money and rates are compared as exact decimals.</summary>
    private void AssertReport(string report, string sql)
    {
        var expected = NodeInterop.DuckDb(sql);
        string[] lines = File.ReadAllText(run.ReportFile(report, EtlRunFixture.Day2)).Split('\n');
        Assert.Equal("", lines[^1]); // a final LF
        var actual = lines[1..^1].Select(ParseCsvLine).ToList();
        Assert.True(expected.Count > 0, report);
        Assert.Equal(expected.Count, actual.Count);
        for (int r = 0; r < expected.Count; r++)
            for (int c = 0; c < expected[r].Length; c++)
            {
                string? want = expected[r][c];
                string got = actual[r][c];
                if (want is not null && decimal.TryParse(want, System.Globalization.CultureInfo.InvariantCulture, out var number) && want.Contains('.'))
                    Assert.True(decimal.Parse(got, System.Globalization.CultureInfo.InvariantCulture) == number && got.Split('.')[1].Length == want.Split('.')[1].Length,
                        $"{report} row {r + 1} column {c + 1}: {got} vs DuckDB {want}");
                else
                    Assert.True((want ?? "") == got, $"{report} row {r + 1} column {c + 1}: '{got}' vs DuckDB '{want}'");
            }
    }

    /// <summary>One RFC 4180 record without line breaks.</summary>
    private static string[] ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    [Fact]
    public void Running_A_Day_Again_Changes_Nothing()
    {
        string[] reports = ["monthly_sales", "top_products", "device_usage", "lead_funnel", "country_views"];
        var before = reports.Select(r => File.ReadAllText(run.ReportFile(r, EtlRunFixture.Day2))).ToList();
        string Fingerprint() => string.Join("|", new[] { "orders", "leads", "weblogs", "companies", "customers", "products" }
            .Select(t => string.Join(",", NodeInterop.DuckDb($"SELECT count(*), sum(hash(COLUMNS(*))) FROM {run.Parquet(t)}")[0])));
        string tablesBefore = Fingerprint();
        run.Etl(EtlRunFixture.Day2);
        Assert.Equal(tablesBefore, Fingerprint());
        Assert.Equal(before, reports.Select(r => File.ReadAllText(run.ReportFile(r, EtlRunFixture.Day2))).ToList());
        // An earlier day run again after a later one starts from the same state (the initial load for the
        // dimensions) and leaves every table as it was. (Its reports now also see rows that arrived late with
        // the later day: the contract defines them over the tables as they are after the run.)
        run.Etl(EtlRunFixture.Day1);
        Assert.Equal(tablesBefore, Fingerprint());
    }
}
