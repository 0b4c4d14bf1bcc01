using Kindling.Sql;
using Kindling.Sql.Types;

namespace Kindling.Engine.Tests.Sql;

public class SqlStatementTests
{
    private static SparkSession Session()
    {
        var s = TestSession.Get();
        s.CreateDataFrame([
            new GenericRow(["east", "pump", 2]),
            new GenericRow(["east", "valve", 1]),
            new GenericRow(["west", "pump", 5]),
            new GenericRow(["west", "pipe", null]),
        ], new StructType([new StructField("region", new StringType()), new StructField("product", new StringType()), new StructField("qty", new IntegerType())]))
            .CreateOrReplaceTempView("sales_sql");
        return s;
    }

    [Fact]
    public void Select_Where_Order_Limit()
    {
        var df = Session().Sql("SELECT product, qty * 2 AS dbl FROM sales_sql WHERE qty IS NOT NULL ORDER BY qty DESC LIMIT 2");
        Assert.Equal(["product", "dbl"], df.Columns());
        Assert.Equal(["pump", "pump"], df.Collect().Select(r => (string)r[0]));
        Assert.Equal([10, 4], df.Collect().Select(r => (int)r[1]));
    }

    [Fact]
    public void Group_By_Having_Distinct()
    {
        var s = Session();
        var df = s.Sql("SELECT region, sum(qty) AS total, count(*) n FROM sales_sql GROUP BY region HAVING total > 3 ORDER BY region");
        Assert.Equal(["region", "total", "n"], df.Columns());
        var row = Assert.Single(df.Collect());
        Assert.Equal("west", row[0]);
        Assert.Equal(5L, row[1]);
        Assert.Equal(2L, row[2]);
        Assert.Equal(3, s.Sql("SELECT DISTINCT product FROM sales_sql").Count());
        Assert.Equal(4, s.Sql("select * from sales_sql").Count());
        Assert.Equal(2L, s.Sql("SELECT count(DISTINCT region) FROM sales_sql WHERE product = 'pump' AND region <> 'x'").First().Get(0));
    }

    [Fact]
    public void Other_Statements_Are_Pending()
    {
        Assert.Throws<NotSupportedException>(() => Session().Sql("INSERT INTO t VALUES (1)"));
        Assert.Throws<NotSupportedException>(() => Session().Sql("SELECT a.region FROM sales_sql a JOIN sales_sql b ON a.region = b.region"));
        Assert.ThrowsAny<InvalidOperationException>(() => Session().Sql("SELECT x FROM nowhere"));
    }
}
