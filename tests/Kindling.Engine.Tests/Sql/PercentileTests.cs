using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>
/// percentile_approx returns an element of the column, in the column's type (Spark's documented examples);
/// percentile and median interpolate linearly, as double. Expected values are worked out by hand.
/// </summary>
public sealed class PercentileTests
{
    private static DataFrame Values(params int?[] values) =>
        TestSession.Get().CreateDataFrame(values.Select(v => new GenericRow([v!])), new StructType([new StructField("col", new IntegerType())]));

    [Fact]
    public void Percentile_approx_picks_an_element_as_in_the_spark_documentation()
    {
        // SELECT percentile_approx(col, 0.5, 100) FROM VALUES (0), (6), (7), (9), (10) -> 7
        var row = Values(0, 6, 7, 9, 10).Agg(PercentileApprox(Col("col"), Lit(0.5), Lit(100)).Alias("p")).Collect().Single();
        Assert.Equal(7, row.GetAs<int>("p"));
        // SELECT percentile_approx(col, array(0.5, 0.4, 0.1), 100) FROM VALUES (0), (1), (2), (10) -> [1, 1, 0]
        var four = Values(0, 1, 2, 10);
        Assert.Equal([1, 1, 0], new[] { 0.5, 0.4, 0.1 }.Select(p => four.Agg(PercentileApprox(Col("col"), Lit(p), Lit(100))).Collect().Single().GetAs<int>(0)));
        Assert.Equal("int", four.Agg(PercentileApprox(Col("col"), Lit(0.5), Lit(100))).Schema().Fields[0].DataType.SimpleString);
    }

    [Fact]
    public void Percentile_approx_at_the_ends_and_per_group_ignoring_nulls()
    {
        var df = Values(5, 1, null, 4, 2, 3);
        Assert.Equal(1, df.Agg(PercentileApprox(Col("col"), Lit(0.0), Lit(10000))).Collect().Single().GetAs<int>(0));
        Assert.Equal(5, df.Agg(PercentileApprox(Col("col"), Lit(1.0), Lit(10000))).Collect().Single().GetAs<int>(0));
        // ceil(0.25 * 5) = 2nd smallest of 1..5
        Assert.Equal(2, df.Agg(PercentileApprox(Col("col"), Lit(0.25), Lit(10000))).Collect().Single().GetAs<int>(0));

        var grouped = TestSession.Get().Range(0, 1000)
            .Select((Col("id") % 3).Alias("g"), Col("id").Alias("v"))
            .GroupBy("g").Agg(PercentileApprox(Col("v"), Lit(0.9), Lit(10000)).Alias("p90"))
            .OrderBy("g").Collect().Select(r => r.GetAs<long>("p90")).ToArray();
        // Group g holds g, g + 3, ...: 334, 333 and 333 values; ceil(0.9 n)-th smallest.
        Assert.Equal([3 * (301 - 1), 1 + 3 * (300 - 1), 2 + 3 * (300 - 1)], grouped);
    }

    [Fact]
    public void Percentile_and_median_interpolate()
    {
        var df = Values(4, 1, 3, 2);
        var row = df.Agg(Expr("median(col)").Alias("m"), Expr("percentile(col, 0.25)").Alias("q1"), Expr("percentile(col, 1)").Alias("max")).Collect().Single();
        Assert.Equal(2.5, row.GetAs<double>("m"));
        Assert.Equal(1.75, row.GetAs<double>("q1")); // position 0.75 between 1 and 2
        Assert.Equal(4.0, row.GetAs<double>("max"));
        Assert.Equal("double", df.Agg(Expr("median(col)")).Schema().Fields[0].DataType.SimpleString);
        Assert.Null(Values(null, null).Agg(Expr("median(col)")).Collect().Single()[0]);
    }

    [Fact]
    public void A_percentage_outside_0_to_1_or_not_constant_is_refused()
    {
        var df = Values(1, 2);
        var outside = Assert.ThrowsAny<Exception>(() => df.Agg(PercentileApprox(Col("col"), Lit(1.5), Lit(100))).Collect());
        Assert.Contains("between 0 and 1", outside.Message);
        var column = Assert.ThrowsAny<Exception>(() => df.Agg(Expr("percentile(col, col)")).Collect());
        Assert.Contains("constant", column.Message);
    }
}
