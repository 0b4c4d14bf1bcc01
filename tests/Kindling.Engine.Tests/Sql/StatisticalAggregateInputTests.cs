using Kindling.Sql;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>The statistical aggregates take integer and decimal columns as they are (no cast column), with Spark's double results.</summary>
public sealed class StatisticalAggregateInputTests
{
    private static DataFrame Table() => TestSession.Get().CreateDataFrame(
        [
            new GenericRow([1, 10L, 1.50m, 2]), new GenericRow([2, 20L, 2.50m, 4]), new GenericRow([3, 30L, 4.00m, 5]),
            new GenericRow([4, 40L, 8.00m, 4]), new GenericRow([null!, 50L, null!, 1]),
        ],
        new StructType([
            new StructField("i", new IntegerType()), new StructField("l", new LongType()),
            new StructField("m", new DecimalType(5, 2)), new StructField("j", new IntegerType()),
        ]));

    [Fact]
    public void Integer_and_decimal_inputs_give_the_double_results_spark_gives()
    {
        var df = Table();
        var aggregated = df.Agg(
            Corr(Col("i"), Col("l")).Alias("r_il"), Corr(Col("i"), Col("j")).Alias("r_ij"), Stddev(Col("m")).Alias("sd_m"),
            Expr("var_pop(i)").Alias("vp_i"), Expr("median(l)").Alias("med_l"));
        var row = aggregated.Collect().Single();
        // Rows with i = 1..4 (the null row drops out): l = 10 i exactly, so r = 1; j = 2, 4, 5, 4 gives
        // sum dx dy = 3.5, sum dx^2 = 5, sum dy^2 = 4.75.
        Assert.Equal(1.0, row.GetAs<double>("r_il"), 12);
        Assert.Equal(3.5 / Math.Sqrt(5 * 4.75), row.GetAs<double>("r_ij"), 12);
        // m = 1.5, 2.5, 4, 8: mean 4, squared deviations 6.25 + 2.25 + 0 + 16 = 24.5, sample variance 24.5 / 3.
        Assert.Equal(Math.Sqrt(24.5 / 3), row.GetAs<double>("sd_m"), 12);
        Assert.Equal(1.25, row.GetAs<double>("vp_i"), 12); // 1..4: population variance 1.25
        Assert.Equal(30.0, row.GetAs<double>("med_l"));
        Assert.DoesNotContain("CAST", Kindling.Engine.DataFrameExtensions.ExplainString(aggregated).Split("== Physical Plan ==")[1]);
    }
}
