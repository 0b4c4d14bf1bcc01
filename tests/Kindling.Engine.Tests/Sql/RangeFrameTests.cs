using Kindling.Sql;
using Kindling.Sql.Expressions;
using Kindling.Sql.Types;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>RANGE frames with value offsets, against brute-force expectations written from Spark's definition.</summary>
public sealed class RangeFrameTests
{
    private static readonly (string P, int? X, long V)[] Rows = BuildRows();

    private static (string, int?, long)[] BuildRows()
    {
        var rng = new Random(17);
        return [.. Enumerable.Range(0, 400).Select(i => ("p" + rng.Next(3), rng.Next(12) == 0 ? (int?)null : rng.Next(40), (long)rng.Next(1, 100)))];
    }

    private static DataFrame Table() => TestSession.Get().CreateDataFrame(
        Rows.Select(r => new GenericRow([r.P, r.X!, r.V])),
        new StructType([new StructField("p", new StringType()), new StructField("x", new IntegerType()), new StructField("v", new LongType())]));

    /// <summary>Sum of v over the partition's rows whose x lies in the frame of x (null x: the null peers, or to the unbounded end).</summary>
    private static long? Expected(string p, int? x, long start, long end, bool ascending)
    {
        var part = Rows.Where(r => r.P == p);
        IEnumerable<(string P, int? X, long V)> frame;
        if (x is null)
            frame = part.Where(r => r.X is null); // bounded sides stop at the null peers (nulls sort first ascending, last descending)
        else
        {
            double lowest = ascending ? (start == long.MinValue ? double.NegativeInfinity : x.Value + start) : (end == long.MaxValue ? double.NegativeInfinity : x.Value - end);
            double highest = ascending ? (end == long.MaxValue ? double.PositiveInfinity : x.Value + end) : (start == long.MinValue ? double.PositiveInfinity : x.Value - start);
            frame = part.Where(r => r.X is { } y && y >= lowest && y <= highest);
            // Unbounded sides also reach the nulls at that end of the partition.
            bool nullsAtStart = ascending; // Spark's default: NULLS FIRST ascending, NULLS LAST descending
            if ((start == long.MinValue && nullsAtStart) || (end == long.MaxValue && !nullsAtStart)) frame = frame.Concat(part.Where(r => r.X is null));
        }
        var list = frame.ToList();
        return list.Count == 0 ? null : list.Sum(r => r.V);
    }

    [Theory]
    [InlineData(-3, 0, true)]
    [InlineData(-3, 2, false)]
    [InlineData(1, 5, true)]
    [InlineData(long.MinValue, 2, true)]
    [InlineData(-2, long.MaxValue, false)]
    [InlineData(-5, -1, false)]
    public void Sum_over_a_range_of_values(long start, long end, bool ascending)
    {
        var order = ascending ? Col("x").Asc() : Col("x").Desc();
        var w = Window.PartitionBy("p").OrderBy(order).RangeBetween(start, end);
        var actual = Table().Select(Col("p"), Col("x"), Col("v"), Sum(Col("v")).Over(w).Alias("s")).Collect()
            .Select(r => (P: r.GetAs<string>("p"), X: r.Get(1) as int?, S: r.Get(3) as long?)).ToList();
        Assert.Equal(Rows.Length, actual.Count);
        foreach (var (p, x, s) in actual)
            Assert.True(Expected(p, x, start, end, ascending) == s, $"p={p} x={x?.ToString() ?? "null"}: expected {Expected(p, x, start, end, ascending)}, got {s}");
    }

    [Fact]
    public void Decimal_and_date_keys_take_offsets_in_units_and_days()
    {
        var df = TestSession.Get().CreateDataFrame(
            [
                new GenericRow([1.50m, new DateTime(2024, 1, 1), 1L]), new GenericRow([2.25m, new DateTime(2024, 1, 2), 2L]),
                new GenericRow([3.00m, new DateTime(2024, 1, 4), 4L]), new GenericRow([4.75m, new DateTime(2024, 1, 5), 8L]),
            ],
            new StructType([new StructField("m", new DecimalType(5, 2)), new StructField("d", new DateType()), new StructField("v", new LongType())]));
        var byAmount = df.Select(Col("m"), Sum(Col("v")).Over(Window.OrderBy("m").RangeBetween(-1, 0)).Alias("s"))
            .Collect().Select(r => r.GetAs<long>("s")).ToArray();
        Assert.Equal([1L, 3L, 6L, 8L], byAmount); // [m - 1.00, m]: 4.75 reaches back to 3.75 only
        var byDay = df.Select(Col("d"), Sum(Col("v")).Over(Window.OrderBy("d").RangeBetween(-1, 0)).Alias("s"))
            .Collect().Select(r => r.GetAs<long>("s")).ToArray();
        Assert.Equal([1L, 3L, 4L, 12L], byDay); // the day before and the day itself
    }

    [Fact]
    public void A_value_range_needs_one_numeric_or_date_order_key()
    {
        var df = Table();
        var two = Assert.ThrowsAny<Exception>(() => df.Select(Sum(Col("v")).Over(Window.OrderBy("x", "v").RangeBetween(-1, 1))).Collect());
        Assert.Contains("exactly one numeric or date order key", two.Message);
        var text = Assert.ThrowsAny<Exception>(() => df.Select(Sum(Col("v")).Over(Window.OrderBy("p").RangeBetween(-1, 1))).Collect());
        Assert.Contains("exactly one numeric or date order key", text.Message);
    }
}
