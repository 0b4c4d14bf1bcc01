using Kindling.Sql;
using Kindling.Sql.Types;

namespace Kindling.Engine.Tests.Sql;

/// <summary>SQL expression strings: Filter(string), Where(string), SelectExpr, Functions.Expr.</summary>
public class SqlExpressionTests
{
    private static DataFrame People() => TestSession.Get().CreateDataFrame([
        new GenericRow(["alice", 30, 1000.5]),
        new GenericRow(["bob", 25, null]),
        new GenericRow(["carol", null, 2000.0]),
    ], new StructType([new StructField("name", new StringType()), new StructField("age", new IntegerType()), new StructField("salary", new DoubleType())]));

    private static List<string> Names(DataFrame df) => [.. df.Collect().Select(r => (string)r.Get("name"))];

    [Fact]
    public void Filter_And_Where_Strings()
    {
        Assert.Equal(["alice"], Names(People().Filter("age > 26")));
        Assert.Equal(["alice", "bob"], Names(People().Where("age BETWEEN 20 AND 30 AND name <> 'x'")));
        Assert.Equal(["carol"], Names(People().Filter("age IS NULL OR salary > 1500")));
        Assert.Equal(["bob", "carol"], Names(People().Filter("name IN ('bob', 'carol')")));
        Assert.Equal(["alice"], Names(People().Filter("NOT name IN ('bob', 'carol')")));
        Assert.Equal(["alice"], Names(People().Filter("name LIKE 'a%'")));
        Assert.Equal(["bob", "carol"], Names(People().Filter("name NOT LIKE 'a%'")));
        Assert.Equal(["alice", "bob"], Names(People().Filter("length(name) <= 5 AND age is not null")));
    }

    [Fact]
    public void SelectExpr_Computes_And_Names_Like_Spark()
    {
        var df = People().SelectExpr("name", "age + 1 AS next", "upper(name) u", "CAST(salary AS int)", "CASE WHEN age > 26 THEN 'old' ELSE 'young' END AS band", "count(*) over () AS n");
        Assert.Equal(["name", "next", "u", "CAST(salary AS INT)", "band", "n"], df.Columns());
        Assert.All(df.Collect(), r => Assert.Equal(3L, r.Get("n")));
        var ranked = People().SelectExpr("name", "row_number() OVER (ORDER BY age DESC NULLS LAST) AS rn").OrderBy("rn");
        Assert.Equal(["alice", "bob", "carol"], ranked.Collect().Select(r => (string)r.Get("name")));
    }

    [Fact]
    public void SelectExpr_Values()
    {
        var rows = People().SelectExpr("name", "age + 1 AS next", "upper(name) u", "CAST(salary AS int) s", "CASE WHEN age > 26 THEN 'old' ELSE 'young' END AS band", "1.5 * 2 AS d", "'a' || name AS c").Collect().ToList();
        Assert.Equal(31, rows[0].Get("next"));
        Assert.Equal("ALICE", rows[0].Get("u"));
        Assert.Equal(1000, rows[0].Get("s"));
        Assert.Equal("old", rows[0].Get("band"));
        Assert.Equal("young", rows[1].Get("band"));
        Assert.Equal("young", rows[2].Get("band")); // null > 26 is null: ELSE
        Assert.Equal(3.0m, rows[0].Get("d")); // 1.5 is a decimal literal in Spark SQL
        Assert.Equal("aalice", rows[0].Get("c"));
    }

    [Fact]
    public void Aggregates_From_Expression_Strings()
    {
        var row = People().Agg(Functions.Expr("count(*)"), Functions.Expr("count(DISTINCT age) AS d"), Functions.Expr("max(salary)")).First();
        Assert.Equal(3L, row.Get(0));
        Assert.Equal(2L, row.Get("d"));
        Assert.Equal(2000.0, row.Get(2));
        Assert.Equal(["count(1)", "d", "max(salary)"], People().Agg(Functions.Expr("count(*)"), Functions.Expr("count(DISTINCT age) AS d"), Functions.Expr("max(salary)")).Columns());
    }

    [Fact]
    public void Syntax_Errors_Name_The_Position()
    {
        var ex = Assert.ThrowsAny<InvalidOperationException>(() => People().Filter("age > "));
        Assert.Contains("PARSE_SYNTAX_ERROR", ex.Message);
        Assert.ThrowsAny<InvalidOperationException>(() => People().Filter("age >> 1"));
    }
}
