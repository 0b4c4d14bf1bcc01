using Kindling.Sql;
using Kindling.Sql.Expressions;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>Aggregate, join, sort, window and distinct through the API (operators from engine-ops).</summary>
public class RelationalTests
{
    private static DataFrame Sales()
    {
        var schema = new StructType([
            new StructField("region", new StringType()),
            new StructField("product", new StringType()),
            new StructField("qty", new IntegerType()),
            new StructField("price", new DecimalType(15, 4)),
        ]);
        return TestSession.Get().CreateDataFrame([
            new GenericRow(["east", "pump", 2, 10.5m]),
            new GenericRow(["east", "valve", 1, 3.25m]),
            new GenericRow(["west", "pump", 5, 10.5m]),
            new GenericRow(["west", "pipe", null!, 1.0m]),
            new GenericRow([null!, "pump", 1, 11.0m]),
        ], schema);
    }

    private static DataFrame Regions()
    {
        var schema = new StructType([new StructField("region", new StringType()), new StructField("manager", new StringType())]);
        return TestSession.Get().CreateDataFrame([new GenericRow(["east", "ann"]), new GenericRow(["north", "bo"])], schema);
    }

    [Fact]
    public void Aggregate_Analysis_Types_And_Names()
    {
        var df = Sales().GroupBy("region").Agg(Sum("qty"), Avg(Col("price")), Count("*"), CountDistinct("product"), Max("price").Alias("top"));
        Assert.Equal(["region", "sum(qty)", "avg(price)", "count(1)", "count(DISTINCT product)", "top"], df.Columns());
        Assert.Equal(["string", "bigint", "decimal(19,8)", "bigint", "bigint", "decimal(15,4)"], df.Schema().Fields.Select(f => f.DataType.SimpleString));
        var ex = Assert.ThrowsAny<InvalidOperationException>(() => Sales().GroupBy("region").Agg(Col("qty")));
        Assert.Contains("qty", ex.Message);
    }

    [Fact]
    public void GroupBy_Agg_Values()
    {
        var rows = Sales().GroupBy("region").Agg(Sum("qty").Alias("q"), Count(Col("qty")).Alias("n"), Max("price").Alias("m"))
            .OrderBy(Col("region").AscNullsFirst()).Collect().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Null(rows[0].Get("region"));
        Assert.Equal(1L, rows[0].Get("q"));
        Assert.Equal("east", rows[1].Get("region"));
        Assert.Equal(3L, rows[1].Get("q"));
        Assert.Equal(2L, rows[1].Get("n"));
        Assert.Equal(10.5m, rows[1].Get("m"));
        Assert.Equal(5L, rows[2].Get("q"));
        Assert.Equal(1L, rows[2].Get("n"));
    }

    [Fact]
    public void Global_Aggregate_On_Empty_Input_Has_One_Row()
    {
        var row = Sales().Filter(Col("qty") > 100).Agg(Count("*").Alias("n"), Sum("qty").Alias("s")).First();
        Assert.Equal(0L, row.Get("n"));
        Assert.Null(row.Get("s"));
        Assert.Equal(5L, Sales().Select(Count(Lit(1))).First().Get(0));
    }

    [Fact]
    public void Grouped_Shortcuts_And_Distinct()
    {
        Assert.Equal(3, Sales().GroupBy("region").Count().Count());
        Assert.Equal(["region", "count"], Sales().GroupBy("region").Count().Columns());
        Assert.Equal(["product", "sum(qty)"], Sales().GroupBy("product").Sum("qty").Columns());
        Assert.Equal(3, Sales().Select("product").Distinct().Count());
        Assert.Equal(3, Sales().DropDuplicates("product").Count());
        Assert.Equal(4, Sales().DropDuplicates("product").Columns().Count);
    }

    [Fact]
    public void Join_Using_Column_Keeps_One_Key()
    {
        var inner = Sales().Join(Regions(), "region");
        Assert.Equal(["region", "product", "qty", "price", "manager"], inner.Columns());
        Assert.Equal(2, inner.Count());
        var left = Sales().Join(Regions(), ["region"], "left");
        Assert.Equal(5, left.Count());
        var full = Sales().Join(Regions(), ["region"], "full");
        Assert.Equal(6, full.Count()); // 5 sales rows + north
        Assert.Contains(full.Collect(), r => (string?)r.Get("region") == "north" && r.Get("product") is null);
        Assert.Equal(3, Sales().Join(Regions(), ["region"], "left_anti").Count());
        Assert.Equal(2, Sales().Join(Regions(), ["region"], "left_semi").Count());
    }

    [Fact]
    public void Join_Expression_With_Residual_And_Cross()
    {
        var s = Sales();
        var r = Regions();
        var j = s.Join(r, s["region"] == r["region"] & (s["qty"] > 1));
        Assert.Equal(1, j.Count());
        Assert.Equal(10, s.CrossJoin(r).Count());
        Assert.Throws<NotSupportedException>(() => s.Join(r, s["qty"] > 1, "left").Count());
    }

    [Fact]
    public void Ambiguous_Column_After_Join_Lists_Candidates()
    {
        var s = Sales();
        var r = Regions();
        var j = s.Join(r, s["region"] == r["region"]);
        var ex = Assert.ThrowsAny<InvalidOperationException>(() => j.Select(Col("region")));
        Assert.Contains("ambiguous", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["region", "manager"], j.Select(r["region"], Col("manager")).Columns());
    }

    [Fact]
    public void OrderBy_With_Null_Ordering_And_Limit()
    {
        var qty = Sales().OrderBy(Col("qty").DescNullsLast()).Collect().Select(x => (int?)x.Get("qty")).ToList();
        Assert.Equal([5, 2, 1, 1, null], qty);
        var top = Sales().OrderBy(Col("qty").Asc()).Limit(2).Collect().Select(x => (int?)x.Get("qty")).ToList();
        Assert.Equal([null, 1], top);
        var byExpr = Sales().Sort((Col("qty") * -1).AscNullsLast()).First();
        Assert.Equal(5, byExpr.Get("qty"));
    }

    [Fact]
    public void Window_Functions()
    {
        var w = Window.PartitionBy("region").OrderBy(Col("qty").Desc());
        var df = Sales().Filter(Col("region").IsNotNull())
            .WithColumn("rn", RowNumber().Over(w))
            .WithColumn("total", Sum("qty").Over(Window.PartitionBy("region")))
            .WithColumn("prev", Lag(Col("qty"), 1, 0).Over(w))
            .OrderBy("region", "rn");
        var rows = df.Collect().ToList();
        Assert.Equal([1, 2, 1, 2], rows.Select(r => (int)r.Get("rn")));
        Assert.Equal([3L, 3L, 5L, 5L], rows.Select(r => (long)r.Get("total")));
        Assert.Equal([0, 2, 0, 5], rows.Select(r => (int?)r.Get("prev")));
    }

    [Fact]
    public void Window_Analysis_Types()
    {
        var w = Window.PartitionBy("region").OrderBy("qty");
        var df = Sales().Select(Col("region"), RowNumber().Over(w).Alias("rn"), Rank().Over(w).Alias("r"), Lag(Col("qty"), 1).Over(w).Alias("p"), Avg("qty").Over(w).Alias("a"));
        Assert.Equal(["string", "int", "int", "int", "double"], df.Schema().Fields.Select(f => f.DataType.SimpleString));
    }
}
