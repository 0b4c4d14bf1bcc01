using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>The shapes the ETL jobs use: exact decimal money, dedup by key, union by name, using-joins.</summary>
public class JobPatternTests
{
    private static DataFrame Orders() => TestSession.Get().CreateDataFrame([
        new GenericRow([1L, 10L, 3, 2.5005m, new Timestamp(new DateTime(2024, 1, 31, 23, 0, 0, DateTimeKind.Utc))]),
        new GenericRow([2L, 11L, 1, 10.0000m, new Timestamp(new DateTime(2024, 2, 1, 1, 0, 0, DateTimeKind.Utc))]),
        new GenericRow([3L, 10L, 2, 2.5005m, new Timestamp(new DateTime(2024, 2, 15, 12, 0, 0, DateTimeKind.Utc))]),
        new GenericRow([3L, 10L, 2, 2.5005m, new Timestamp(new DateTime(2024, 2, 15, 12, 0, 0, DateTimeKind.Utc))]),
    ], new StructType([
        new StructField("order_id", new LongType()),
        new StructField("prod_id", new LongType()),
        new StructField("quantity", new IntegerType()),
        new StructField("prod_quote_price", new DecimalType(15, 4)),
        new StructField("created_at", new TimestampType()),
    ]));

    private static DataFrame Products() => TestSession.Get().CreateDataFrame([
        new GenericRow([10L, 1.1234m]),
        new GenericRow([11L, 7.0m]),
    ], new StructType([new StructField("prod_id", new LongType()), new StructField("prod_unit_price", new DecimalType(15, 4))]));

    [Fact]
    public void Monthly_Report_With_Exact_Decimals()
    {
        var lines = Orders().DropDuplicates("order_id")
            .Join(Products(), "prod_id")
            .WithColumn("sale_year", Year(Col("created_at")))
            .WithColumn("sale_month", Month(Col("created_at")))
            .WithColumn("revenue_line", Col("quantity") * Col("prod_quote_price"))
            .WithColumn("cost_line", Col("quantity") * Col("prod_unit_price"));
        Assert.Equal("decimal(26,4)", lines.Schema().Fields.First(f => f.Name == "revenue_line").DataType.SimpleString);
        var report = lines.GroupBy("sale_year", "sale_month")
            .Agg(Count(Col("order_id")).As("orders"), Sum(Col("quantity")).As("units"), Sum(Col("revenue_line")).As("revenue"), Sum(Col("cost_line")).As("cost"))
            .Select(Col("sale_year"), Col("sale_month"), Col("orders"), Col("units"),
                Round(Col("revenue"), 2).As("revenue"), Round(Col("cost"), 2).As("cost"), Round(Col("revenue") - Col("cost"), 2).As("profit"))
            .OrderBy("sale_year", "sale_month")
            .Cache();
        var rows = report.Collect().ToList();
        Assert.Equal(2, rows.Count);
        // January: order 1: 3 × 2.5005 = 7.5015 → 7.50; cost 3 × 1.1234 = 3.3702 → 3.37; profit 4.1313 → 4.13
        Assert.Equal([2024, 1, 1L, 3L], new[] { rows[0].Get(0), rows[0].Get(1), rows[0].Get(2), rows[0].Get(3) });
        Assert.Equal(7.50m, rows[0].Get("revenue"));
        Assert.Equal(3.37m, rows[0].Get("cost"));
        Assert.Equal(4.13m, rows[0].Get("profit"));
        // February: order 2: 10.0000; order 3: 2 × 2.5005 = 5.0010 → revenue 15.0010 → 15.00; cost 7 + 2.2468 = 9.2468 → 9.25; profit 5.7542 → 5.75
        Assert.Equal(2L, rows[1].Get("orders"));
        Assert.Equal(15.00m, rows[1].Get("revenue"));
        Assert.Equal(9.25m, rows[1].Get("cost"));
        Assert.Equal(5.75m, rows[1].Get("profit"));
        Assert.Equal(2, report.Count());
    }

    [Fact]
    public void UnionByName_With_Missing_Columns_And_Dedup()
    {
        var a = Orders().Select(Col("order_id"), Col("quantity"));
        var b = TestSession.Get().Range(3, 5).Select(Lit(7).Alias("quantity"), Col("id").Alias("order_id"), Lit("x").Alias("extra"));
        var u = a.UnionByName(b, allowMissingColumns: true);
        Assert.Equal(["order_id", "quantity", "extra"], u.Columns());
        var rows = u.DropDuplicates("order_id").OrderBy("order_id").Collect().ToList();
        Assert.Equal([1L, 2L, 3L, 4L], rows.Select(r => (long)r.Get("order_id")));
        Assert.Null(rows[0].Get("extra"));
        Assert.Equal("x", rows[3].Get("extra"));
        Assert.Equal(7, rows[3].Get("quantity"));
    }

    [Fact]
    public void Aggregates_Over_Decimals_And_Distinct()
    {
        var r = Orders().Agg(Avg("prod_quote_price").Alias("a"), CountDistinct("order_id").Alias("d"), Max("created_at").Alias("m"), Min(Col("quantity")).Alias("q")).First();
        // avg of decimal(15,4) is decimal(19,8): (2.5005 × 3 + 10) / 4 = 4.375375
        Assert.Equal(4.37537500m, r.Get("a"));
        Assert.Equal(3L, r.Get("d"));
        Assert.Equal(new Timestamp(new DateTime(2024, 2, 15, 12, 0, 0, DateTimeKind.Utc)), r.Get("m"));
        Assert.Equal(1, r.Get("q"));
    }

    [Fact]
    public void Reject_Classification_With_When_Chains()
    {
        var classified = Orders().WithColumn("reason",
            When(Col("quantity") < 2, "small quantity").When(Col("prod_quote_price") > 5, "expensive"));
        var rejects = classified.Filter(Col("reason").IsNotNull());
        Assert.Equal(1, rejects.Count()); // order 2: quantity 1
        Assert.Equal(3, classified.Filter(Col("reason").IsNull()).Drop("reason").Count());
    }
}

public class CountDistinctTests
{
    [Fact]
    public void Count_Distinct_Of_Several_Columns_Counts_Non_Null_Tuples()
    {
        var df = TestSession.Get().CreateDataFrame([
            new GenericRow(["a", 1]), new GenericRow(["a", 1]), new GenericRow(["a", 2]),
            new GenericRow(["ab", null]), new GenericRow([null, 1]), new GenericRow(["a:1", 1]),
        ], new StructType([new StructField("s", new StringType()), new StructField("n", new IntegerType())]));
        var row = df.Agg(CountDistinct("s", "n")).First();
        Assert.Equal(3L, row.Get(0)); // (a,1), (a,2), (a:1,1)
        Assert.Equal(["count(DISTINCT s, n)"], df.Agg(CountDistinct("s", "n")).Columns());
    }

    [Fact]
    public void Monotonically_Increasing_Id_Numbers_Rows_Before_A_Later_Filter()
    {
        var df = TestSession.Get().Range(0, 10).WithColumn("row", Expr("monotonically_increasing_id()"))
            .WithColumn("line", RowNumber().Over(Kindling.Sql.Expressions.Window.OrderBy("row")))
            .Filter(Col("id") % 3 == 0);
        var rows = df.OrderBy("id").Collect().ToList();
        Assert.Equal([0L, 3L, 6L, 9L], rows.Select(r => (long)r.Get("row")));
        Assert.Equal([1, 4, 7, 10], rows.Select(r => (int)r.Get("line")));
        // A filter right above the numbering must not be pushed below it.
        var direct = TestSession.Get().Range(0, 10).WithColumn("row", Expr("monotonically_increasing_id()")).Filter(Col("id") > 7);
        Assert.Equal([8L, 9L], direct.Collect().Select(r => (long)r.Get("row")));
    }
}
