using System.Globalization;
using Kindling.Engine.Tests.Interop;
using Kindling.Sql;
using Kindling.Sql.Expressions;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>
/// The same queries through the DataFrame API and as SQL in DuckDB, over the same Parquet files (written by
/// Kindling, read by both): grouping, filters with three-valued logic, every join type, window functions,
/// strings, dates, decimals, distinct/union/limit. Results are compared as sorted multisets of rendered rows
/// (doubles to 10 significant digits, decimals by value).
/// </summary>
public sealed class DuckDbDifferentialTests : IClassFixture<DuckDbDifferentialTests.Data>
{
    private readonly Data _data;

    public DuckDbDifferentialTests(Data data) => _data = data;

    /// <summary>5,000 facts with nulls in every nullable column and a 40-row dimension, as Parquet files.</summary>
    public sealed class Data : IDisposable
    {
        public Data()
        {
            var rng = new Random(7);
            string[] words = ["alpha", "beta", "gamma", "delta", "Épsilon", "zeta9", "eta", "theta"];
            var facts = new List<GenericRow>();
            for (int i = 0; i < 5000; i++)
            {
                string? k1 = rng.Next(12) == 0 ? null : words[rng.Next(words.Length)];
                int? k2 = rng.Next(15) == 0 ? null : rng.Next(50);
                decimal? v = rng.Next(20) == 0 ? null : Math.Round((decimal)(rng.NextDouble() * 2000 - 500), 4);
                double? d = rng.Next(20) == 0 ? null : Math.Round(rng.NextDouble() * 10 - 5, 3);
                bool? flag = rng.Next(10) == 0 ? null : rng.Next(2) == 0;
                string? s = rng.Next(25) == 0 ? null : $" {words[rng.Next(words.Length)]}{rng.Next(1000)} ";
                Date? dt = rng.Next(30) == 0 ? null : new Date(2023, 1 + rng.Next(12), 1 + rng.Next(28));
                facts.Add(new GenericRow([(long)i, k1, k2, v, d, flag, s, dt]));
            }
            var factSchema = new StructType([
                new StructField("id", new LongType(), false), new StructField("k1", new StringType()), new StructField("k2", new IntegerType()),
                new StructField("v", new DecimalType(15, 4)), new StructField("d", new DoubleType()), new StructField("flag", new BooleanType()),
                new StructField("s", new StringType()), new StructField("dt", new DateType()),
            ]);
            var dims = Enumerable.Range(0, 40).Select(k => new GenericRow([k + 20, $"name{k}", k % 3 == 0 ? null : (long)k * 7])).ToList();
            var dimSchema = new StructType([new StructField("k2", new IntegerType()), new StructField("name", new StringType()), new StructField("weight", new LongType())]);
            TestSession.Get().CreateDataFrame(facts, factSchema).Write().Option("parquet.block.size.rows", 1500).Parquet(FactsPath);
            TestSession.Get().CreateDataFrame(dims, dimSchema).Write().Parquet(DimsPath);
        }

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kindling-diff-" + Guid.NewGuid().ToString("N"));

        public string FactsPath => Path.Combine(Folder, "facts");

        public string DimsPath => Path.Combine(Folder, "dims");

        public void Dispose()
        {
            try { Directory.Delete(Folder, true); } catch (IOException) { }
        }
    }

    private DataFrame Facts => TestSession.Get().Read().Parquet(_data.FactsPath);

    private DataFrame Dims => TestSession.Get().Read().Parquet(_data.DimsPath);

    /// <summary>DuckDB's SQL with <c>facts</c> and <c>dims</c> as views over the same files.</summary>
    private List<string> DuckRows(string sql)
    {
        string views = $"WITH facts AS (SELECT * FROM read_parquet({NodeInterop.Sql(Path.Combine(_data.FactsPath, "*.parquet"))})), " +
                       $"dims AS (SELECT * FROM read_parquet({NodeInterop.Sql(Path.Combine(_data.DimsPath, "*.parquet"))})) ";
        return [.. NodeInterop.DuckDb(views + sql).Select(r => string.Join(" | ", r.Select(RenderDuck))).Order(StringComparer.Ordinal)];
    }

    private static List<string> KindlingRows(DataFrame df) =>
        [.. df.Collect().Select(r => string.Join(" | ", r.Values.Select(RenderOurs))).Order(StringComparer.Ordinal)];

    /// <summary>Integers, strings, booleans and dates as they are; every other number as a double to 10 significant digits.</summary>
    private static string RenderOurs(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        decimal m => ((double)m).ToString("G10", CultureInfo.InvariantCulture),
        double x => x.ToString("G10", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("G10", CultureInfo.InvariantCulture),
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "null",
    };

    private static string RenderDuck(string? v)
    {
        if (v is null) return "null";
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return v;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && v.Any(char.IsDigit) && !v.Contains('-', StringComparison.Ordinal) | v.StartsWith('-'))
            return x.ToString("G10", CultureInfo.InvariantCulture);
        return v;
    }

    private void Same(DataFrame ours, string duckSql)
    {
        var expected = DuckRows(duckSql);
        var actual = KindlingRows(ours);
        Assert.True(expected.Count > 0, "the query returns rows");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Grouping_With_Every_Aggregate_And_Null_Keys() => Same(
        Facts.GroupBy("k1", "k2").Agg(Count(Lit(1)), Count(Col("v")), Sum(Col("v")), Min(Col("s")), Max(Col("dt")), CountDistinct(Col("flag")), Sum(Col("k2"))),
        "SELECT k1, k2, count(*), count(v), sum(v), min(s), max(dt), count(DISTINCT flag), sum(k2) FROM facts GROUP BY k1, k2");

    [Fact]
    public void Filters_Use_Three_Valued_Logic_And_Case_Expressions() => Same(
        Facts.Filter(((Col("v") > 100) & Col("flag")) | Col("k1").IsNull() | (!Col("flag") & (Col("d") < -4.5)))
            .Select(Col("id"), Col("v") * 2, Round(Col("v"), 2), Coalesce(Col("k1"), Lit("none")),
                When(Col("d") < 0, "neg").When(Col("d") > 0, "pos").Otherwise("zero"), Col("flag") & (Col("v") > 0), Col("flag") | (Col("v") > 0)),
        "SELECT id, v * 2, round(v, 2), coalesce(k1, 'none'), CASE WHEN d < 0 THEN 'neg' WHEN d > 0 THEN 'pos' ELSE 'zero' END, flag AND v > 0, flag OR v > 0 " +
        "FROM facts WHERE (v > 100 AND flag) OR k1 IS NULL OR (NOT flag AND d < -4.5)");

    [Theory]
    [InlineData("inner", "INNER JOIN")]
    [InlineData("left", "LEFT JOIN")]
    [InlineData("right", "RIGHT JOIN")]
    [InlineData("full", "FULL JOIN")]
    public void Joins_On_A_Key_With_Nulls_And_Unmatched_Rows(string ours, string duck)
    {
        DataFrame facts = Facts.Select(Col("id"), Col("k2"), Col("v")), dims = Dims;
        Same(facts.Join(dims, facts["k2"] == dims["k2"], ours).Select(Col("id"), Col("v"), Col("name"), Col("weight")),
            $"SELECT id, v, name, weight FROM (SELECT id, k2, v FROM facts) f {duck} dims ON f.k2 = dims.k2");
    }

    [Theory]
    [InlineData("left_semi", "SEMI JOIN")]
    [InlineData("left_anti", "ANTI JOIN")]
    public void Semi_And_Anti_Joins(string ours, string duck)
    {
        DataFrame facts = Facts, weighted = Dims.Filter(Col("weight").IsNotNull());
        Same(facts.Join(weighted, facts["k2"] == weighted["k2"], ours).Select(Col("id"), Col("k2")),
            $"SELECT id, k2 FROM facts {duck} (SELECT * FROM dims WHERE weight IS NOT NULL) w ON facts.k2 = w.k2");
    }

    [Fact]
    public void Window_Functions_Over_Partitions() => Same(
        Facts.Select(Col("id"), Col("k1"),
            RowNumber().Over(Window.PartitionBy("k1").OrderBy(Col("v").Desc(), Col("id").Asc())),
            Rank().Over(Window.PartitionBy("k1").OrderBy(Col("k2").Asc())),
            DenseRank().Over(Window.PartitionBy("k1").OrderBy(Col("k2").Asc())),
            Sum(Col("v")).Over(Window.PartitionBy("k1")),
            Lag(Col("v"), 1).Over(Window.PartitionBy("k1").OrderBy("id")),
            Sum(Col("k2")).Over(Window.PartitionBy("k1").OrderBy("id").RowsBetween(Window.UnboundedPreceding, Window.CurrentRow))),
        "SELECT id, k1, row_number() OVER (PARTITION BY k1 ORDER BY v DESC NULLS LAST, id), rank() OVER (PARTITION BY k1 ORDER BY k2 ASC NULLS FIRST), " +
        "dense_rank() OVER (PARTITION BY k1 ORDER BY k2 ASC NULLS FIRST), sum(v) OVER (PARTITION BY k1), lag(v, 1) OVER (PARTITION BY k1 ORDER BY id), " +
        "sum(k2) OVER (PARTITION BY k1 ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM facts");

    [Fact]
    public void String_Functions() => Same(
        Facts.Select(Col("id"), Upper(Col("s")), Lower(Col("k1")), Substring(Col("s"), 2, 3), Length(Col("s")), Trim(Col("s")),
            ConcatWs("-", Col("k1"), Trim(Col("s"))), RegexpExtract(Col("s"), "([a-zA-Zé]+)([0-9]+)", 2), Col("s").Like("%ta%"), Col("k1").Like("ga%")),
        "SELECT id, upper(s), lower(k1), substring(s, 2, 3), length(s), trim(s), concat_ws('-', k1, trim(s)), " +
        "CASE WHEN s IS NULL THEN NULL ELSE regexp_extract(s, '([a-zA-Zé]+)([0-9]+)', 2) END, s LIKE '%ta%', k1 LIKE 'ga%' FROM facts");

    [Fact]
    public void Date_Functions() => Same(
        Facts.Select(Col("id"), Year(Col("dt")), Month(Col("dt")), DayOfMonth(Col("dt")), DateAdd(Col("dt"), 10), DateSub(Col("dt"), 40),
            DateDiff(Col("dt"), Lit("2023-06-15").Cast("date")), DayOfWeek(Col("dt")), Quarter(Col("dt")), LastDay(Col("dt")), AddMonths(Col("dt"), 1)),
        "SELECT id, year(dt), month(dt), day(dt), dt + 10, dt - 40, datediff('day', DATE '2023-06-15', dt), dayofweek(dt) + 1, " +
        "quarter(dt), last_day(dt), CAST(dt + INTERVAL 1 MONTH AS DATE) FROM facts");

    [Fact]
    public void Distinct_Union_And_Top_N() => Same(
        Facts.Select("k1", "k2").Distinct()
            .Union(Facts.OrderBy(Col("v").Desc(), Col("id").Asc()).Limit(10).Select(Col("k1"), Col("k2"))),
        "(SELECT DISTINCT k1, k2 FROM facts) UNION ALL (SELECT k1, k2 FROM (SELECT * FROM facts ORDER BY v DESC NULLS LAST, id LIMIT 10))");

    [Fact]
    public void Integer_And_Decimal_Arithmetic() => Same(
        Facts.Filter(Col("k2").IsNotNull()).GroupBy("k1")
            .Agg(Sum(Col("v") * Col("k2")), Avg(Col("v")), Sum(Col("k2") % 7), Max(Abs(Col("v") - 100)), Avg(Col("k2")), Min(Col("k2") * -3L)),
        "SELECT k1, sum(v * k2), avg(v), sum(k2 % 7), max(abs(v - 100)), avg(k2), min(k2 * -3) FROM facts WHERE k2 IS NOT NULL GROUP BY k1");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(25)]
    public void Top_N_Per_Group_Through_Row_Number(int n)
    {
        var ranked = Facts.WithColumn("rn", RowNumber().Over(Window.PartitionBy("k2").OrderBy(Col("v").Desc(), Col("id").Asc())))
            .Filter(Col("rn") <= n).Select("k2", "id", "v", "rn");
        Assert.Contains("WindowTopN", Kindling.Engine.DataFrameExtensions.ExplainString(ranked));
        Same(ranked, $"SELECT k2, id, v, rn FROM (SELECT *, row_number() OVER (PARTITION BY k2 ORDER BY v DESC NULLS LAST, id) AS rn FROM facts) WHERE rn <= {n}");
    }

    [Fact]
    public void Top_N_Per_Group_On_One_Key_With_Nulls()
    {
        // One fixed-width order key takes the streaming top-N path (normalized keys); v has nulls (placed last here:
        // several nulls per group would tie, and tied rows may be numbered either way).
        var byV = Facts.WithColumn("rn", RowNumber().Over(Window.PartitionBy("k1").OrderBy(Col("v").AscNullsLast()))).Filter(Col("rn") <= 3).Select("k1", "id", "rn");
        Same(byV, "SELECT k1, id, rn FROM (SELECT *, row_number() OVER (PARTITION BY k1 ORDER BY v ASC NULLS LAST) AS rn FROM facts) WHERE rn <= 3");
        var byD = Facts.Filter(Col("d").IsNull()).WithColumn("rn", RowNumber().Over(Window.PartitionBy("k1").OrderBy(Col("d").Desc()))).Filter(Col("rn") <= 400).Select("k1", "id", "d");
        Same(byD, "SELECT k1, id, d FROM (SELECT *, row_number() OVER (PARTITION BY k1 ORDER BY d DESC) AS rn FROM facts WHERE d IS NULL) WHERE rn <= 400");
        var byId = Facts.WithColumn("rn", RowNumber().Over(Window.PartitionBy("k2", "flag").OrderBy(Col("id").Desc()))).Filter(Col("rn") == 1).Select("k2", "flag", "id");
        Assert.Contains("WindowTopN", Kindling.Engine.DataFrameExtensions.ExplainString(byId));
        Same(byId, "SELECT k2, flag, id FROM (SELECT *, row_number() OVER (PARTITION BY k2, flag ORDER BY id DESC) AS rn FROM facts) WHERE rn = 1");
    }

    /// <summary>
    /// A one-character literal separator is where Spark's regex split and DuckDB's string_split agree (empty pieces,
    /// leading and trailing, kept). DuckDB's len of a null list is null where Spark's size is -1, hence the coalesce.
    /// Elements are bracketed so that pieces such as "932 " are compared as text, not as numbers.
    /// </summary>
    [Fact]
    public void Split_On_A_Literal_Separator_With_Array_Functions() => Same(
        Facts.Select(Col("id"), Split(Col("s"), "a").As("p"))
            .SelectExpr("id", "size(p)", "concat('<', element_at(p, 1), '>')", "concat('<', element_at(p, -1), '>')", "concat('<', p[1], '>')", "p[5]", "array_contains(p, ' ')"),
        "SELECT id, coalesce(len(p), -1), '<' || p[1] || '>', '<' || p[-1] || '>', '<' || p[2] || '>', p[6], list_contains(p, ' ') " +
        "FROM (SELECT id, string_split(s, 'a') AS p FROM facts)");
}
