using Kindling.Execution.Operators.Aggregate;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Execution.Operators.OperatorTestData;

namespace Kindling.Engine.Tests.Execution.Operators.Aggregate;

public sealed class HashAggregateOperatorTests
{
    private static readonly Schema KeyValue = Schema(("k", ColumnType.String), ("v", ColumnType.Int32), ("d", ColumnType.Float64));

    [Fact]
    public void SumCountAvgMinMaxSkipNullsAndNullKeysFormOneGroup()
    {
        var rows = new List<object?[]>
        {
            Row("a", 1, 1.5), Row("b", null, 2.0), Row(null, 5, null), Row("a", 3, null),
            Row("b", null, null), Row(null, 7, 0.5), Row("c", 2, 4.0),
        };
        var op = new HashAggregateOperator(Source(KeyValue, rows), [0],
        [
            new(AggregateFunction.Sum, 1, "s"), new(AggregateFunction.Count, 1, "c"), new(AggregateFunction.CountAll, -1, "n"),
            new(AggregateFunction.Avg, 1, "a"), new(AggregateFunction.Min, 2, "mn"), new(AggregateFunction.Max, 1, "mx"),
        ]);
        EqualUnordered(
        [
            Row("a", 4L, 2L, 2L, 2.0, 1.5, 3), Row("b", null, 0L, 2L, null, 2.0, null),
            Row(null, 12L, 2L, 2L, 6.0, 0.5, 7), Row("c", 2L, 1L, 1L, 2.0, 4.0, 2),
        ], Collect(op));
    }

    [Fact]
    public void GlobalAggregateOfEmptyInputIsOneRow()
    {
        var op = new HashAggregateOperator(Source(KeyValue, []), [],
            [new(AggregateFunction.CountAll, -1, "n"), new(AggregateFunction.Sum, 1, "s"), new(AggregateFunction.Max, 0, "m"), new(AggregateFunction.Percentile, 2, "med")]);
        Equal([Row(0L, null, null, null)], Collect(op, Context(dop: 2)));
    }

    [Fact]
    public void AggregatesOfANullTypedColumn()
    {
        var schema = Schema(("k", ColumnType.Int32), ("n", ColumnType.Null));
        var op = new HashAggregateOperator(Source(schema, [Row(1, null), Row(1, null), Row(2, null)]), [0],
            [new(AggregateFunction.Sum, 1, "s"), new(AggregateFunction.Count, 1, "c"), new(AggregateFunction.Max, 1, "m"), new(AggregateFunction.Avg, 1, "a")]);
        Assert.Equal(ColumnType.Int64, op.OutputSchema[1].Type);
        EqualUnordered([Row(1, null, 0L, null, null), Row(2, null, 0L, null, null)], Collect(op));
    }

    [Fact]
    public void GroupedAggregateOfEmptyInputIsEmpty()
    {
        var op = new HashAggregateOperator(Source(KeyValue, []), [0], [new(AggregateFunction.CountAll, -1, "n")]);
        Assert.Empty(Collect(op));
    }

    [Fact]
    public void OneRowInput()
    {
        var op = new HashAggregateOperator(Source(KeyValue, [Row("x", 4, 2.5)]), [0, 1],
            [new(AggregateFunction.StddevSamp, 2, "sd"), new(AggregateFunction.VariancePop, 2, "vp"), new(AggregateFunction.Corr, 1, "r", 2), new(AggregateFunction.Percentile, 1, "m")]);
        Equal([Row("x", 4, null, 0.0, null, 4.0)], Collect(op));
    }

    [Fact]
    public void DistinctIsGroupColumnsWithoutAggregates()
    {
        var rows = new List<object?[]> { Row("a", 1, 0.0), Row("a", 1, 1.0), Row(null, 1, 2.0), Row(null, 1, 3.0), Row("a", 2, 4.0) };
        var op = new HashAggregateOperator(Source(KeyValue, rows), [0, 1], []);
        EqualUnordered([Row("a", 1), Row(null, 1), Row("a", 2)], Collect(op));
    }

    [Fact]
    public void DecimalSumIsExactAndOverflowsToNull()
    {
        var type = ColumnType.Decimal(38, 2);
        var schema = Schema(("k", ColumnType.Int32), ("m", type), ("small", ColumnType.Decimal(5, 2)));
        decimal big = 9999999999999999999999999.99m;
        var rows = new List<object?[]>
        {
            Row(1, 0.10m, 1.25m), Row(1, 0.20m, 2.50m), Row(1, null, null),
            Row(2, big, 999.99m), Row(2, big, 999.99m), Row(3, null, null),
        };
        var op = new HashAggregateOperator(Source(schema, rows, batchSize: 2), [0],
            [new(AggregateFunction.Sum, 1, "s"), new(AggregateFunction.Sum, 2, "s2"), new(AggregateFunction.Avg, 2, "a2")]);
        Assert.Equal(ColumnType.Decimal(38, 2), op.OutputSchema[1].Type);
        Assert.Equal(ColumnType.Decimal(15, 2), op.OutputSchema[2].Type);
        Assert.Equal(ColumnType.Decimal(9, 6), op.OutputSchema[3].Type);
        EqualUnordered(
        [
            Row(1, 0.30m, 3.75m, 1.875000m), Row(2, big * 2, 1999.98m, 999.990000m), Row(3, null, null, null),
        ], Collect(op));
    }

    [Fact]
    public void DecimalSumBeyondResultPrecisionIsNull()
    {
        var type = ColumnType.Decimal(38, 0);
        var schema = Schema(("k", ColumnType.Int32), ("m", type));
        decimal max = 7_000_000_000_000_000_000_000_000_000m; // 7e27, three of them still fit System.Decimal
        var rows = Enumerable.Range(0, 3).Select(_ => Row(1, max)).ToList();
        var source = Source(schema, rows);
        var op = new HashAggregateOperator(source, [0], [new(AggregateFunction.Sum, 1, "s")]);
        Assert.Equal(ColumnType.Decimal(38, 0), op.OutputSchema[1].Type);
        EqualUnordered([Row(1, max * 3)], Collect(op)); // far below 10^38: exact
    }

    [Fact]
    public void LongSumWrapsOnOverflow()
    {
        var schema = Schema(("k", ColumnType.Int32), ("v", ColumnType.Int64));
        var op = new HashAggregateOperator(Source(schema, [Row(1, long.MaxValue), Row(1, 2L)]), [0], [new(AggregateFunction.Sum, 1, "s")]);
        Equal([Row(1, unchecked(long.MaxValue + 2L))], Collect(op));
    }

    [Fact]
    public void NaNKeysGroupTogetherAndNegativeZeroEqualsZero()
    {
        var schema = Schema(("k", ColumnType.Float64), ("v", ColumnType.Int32));
        var rows = new List<object?[]> { Row(double.NaN, 1), Row(0.0, 2), Row(-0.0, 3), Row(double.NaN, 4), Row(null, 5) };
        var op = new HashAggregateOperator(Source(schema, rows), [0], [new(AggregateFunction.Sum, 1, "s"), new(AggregateFunction.Max, 0, "mx")]);
        var result = Collect(op);
        Assert.Equal(3, result.Count);
        Assert.Contains(result, r => r[0] is double d && double.IsNaN(d) && (long)r[1]! == 5L);
        Assert.Contains(result, r => r[0] is double d && d == 0 && (long)r[1]! == 5L);
        Assert.Contains(result, r => r[0] is null && (long)r[1]! == 5L);
    }

    [Fact]
    public void MaxOfDoublesTreatsNaNAsLargest()
    {
        var schema = Schema(("k", ColumnType.Int32), ("v", ColumnType.Float64));
        var op = new HashAggregateOperator(Source(schema, [Row(1, 3.0), Row(1, double.NaN), Row(1, -1.0)]), [0],
            [new(AggregateFunction.Max, 1, "mx"), new(AggregateFunction.Min, 1, "mn")]);
        Equal([Row(1, double.NaN, -1.0)], Collect(op));
    }

    [Fact]
    public void StringMinMaxFirstLastUseUtf8Order()
    {
        var schema = Schema(("k", ColumnType.Int32), ("s", ColumnType.String));
        var rows = new List<object?[]> { Row(1, null), Row(1, "é"), Row(1, "z"), Row(1, "Z"), Row(1, "\uFB01"), Row(1, null) };
        var op = new HashAggregateOperator(Source(schema, rows, batchSize: 2, dictionaryStrings: true), [0],
        [
            new(AggregateFunction.Min, 1, "mn"), new(AggregateFunction.Max, 1, "mx"),
            new(AggregateFunction.First, 1, "f"), new(AggregateFunction.Last, 1, "l"),
            new(AggregateFunction.First, 1, "fn", IgnoreNulls: false), new(AggregateFunction.Last, 1, "ln", IgnoreNulls: false),
        ]);
        Equal([Row(1, "Z", "\uFB01", "é", "\uFB01", null, null)], Collect(op));
    }

    [Fact]
    public void DictionaryEncodedKeysAcrossBatchesWithDifferentDictionaries()
    {
        var rng = new Random(7);
        var rows = Enumerable.Range(0, 500).Select(i => Row(rng.Next(10) == 0 ? null : "k" + rng.Next(30), rng.Next(100), 1.0)).ToList();
        var expected = rows.GroupBy(r => (string?)r[0]).Select(g => Row(g.Key, g.Sum(r => (long)(int)r[1]!), g.LongCount())).ToList();
        foreach (int dop in new[] { 1, 2 })
        {
            var op = new HashAggregateOperator(Source(KeyValue, rows, batchSize: 17, dictionaryStrings: true), [0],
                [new(AggregateFunction.Sum, 1, "s"), new(AggregateFunction.CountAll, -1, "n")]);
            EqualUnordered(expected, Collect(op, Context(dop: dop, batchSize: 7)));
        }
    }

    [Theory]
    [InlineData(1, false, 200)]
    [InlineData(2, false, 200)]
    [InlineData(2, true, 200)]
    [InlineData(2, false, 900)]
    [InlineData(2, true, 900)]
    public void TwoNullableStringKeysShareAWordWithNullsAsZero(int dop, bool dictionary, int distinct)
    {
        // Nullable strings pack two to a word as id + 1 (0 = null). 200 distinct: the pair takes the dense lookup;
        // 900 and many rows per worker: tables flush to runs that merge across workers (ids remapped, hashed by content).
        var schema = Schema(("a", ColumnType.String), ("b", ColumnType.String), ("v", ColumnType.Int64));
        var rng = new Random(dop * 31 + distinct);
        var rows = Enumerable.Range(0, distinct > 500 ? 300_000 : 100_000).Select(i => Row(
            rng.Next(12) == 0 ? null : "a" + rng.Next(distinct),
            rng.Next(9) == 0 ? null : rng.Next(7) == 0 ? "" : "b" + rng.Next(distinct),
            (long)i)).ToList();
        var op = new HashAggregateOperator(Source(schema, rows, batchSize: 4096, dictionaryStrings: dictionary), [0, 1],
            [new(AggregateFunction.Sum, 2, "s"), new(AggregateFunction.CountAll, -1, "n")]);
        var expected = rows.GroupBy(r => ((string?)r[0], (string?)r[1]))
            .Select(g => Row(g.Key.Item1, g.Key.Item2, g.Sum(r => (long)r[2]!), g.LongCount())).ToList();
        EqualUnordered(expected, Collect(op, Context(dop: dop)));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    public void RandomizedDifferentialAgainstLinq(int dop, bool dictionary)
    {
        var rng = new Random(42 + dop);
        var schema = Schema(("s", ColumnType.String), ("i", ColumnType.Int32), ("v", ColumnType.Int64), ("d", ColumnType.Float64));
        var rows = new List<object?[]>();
        for (int r = 0; r < 3000; r++)
        {
            // Skewed: 90% of rows share one key.
            string? s = rng.Next(10) < 9 ? "hot" : rng.Next(20) == 0 ? null : "k" + rng.Next(40);
            int? i = rng.Next(15) == 0 ? null : rng.Next(4);
            long? v = rng.Next(8) == 0 ? null : rng.Next(-1000, 1000);
            double? d = rng.Next(8) == 0 ? null : Math.Round(rng.NextDouble() * 100, 3);
            rows.Add(Row(s, i, v, d));
        }
        var calls = new AggregateCall[]
        {
            new(AggregateFunction.Sum, 2, "sum_v"), new(AggregateFunction.Count, 3, "count_d"), new(AggregateFunction.CountAll, -1, "n"),
            new(AggregateFunction.Avg, 2, "avg_v"), new(AggregateFunction.Min, 3, "min_d"), new(AggregateFunction.Max, 2, "max_v"),
            new(AggregateFunction.StddevSamp, 3, "sd"), new(AggregateFunction.VariancePop, 2, "vp"), new(AggregateFunction.Percentile, 3, "med"),
            new(AggregateFunction.Corr, 2, "r", 3), new(AggregateFunction.CountDistinct, 2, "cd"), new(AggregateFunction.SumDistinct, 2, "sd_v"),
        };
        var op = new HashAggregateOperator(Source(schema, rows, batchSize: 64, dictionaryStrings: dictionary), [0, 1], calls);
        var expected = rows.GroupBy(r => ((string?)r[0], (int?)r[1])).Select(g =>
        {
            var v = g.Where(r => r[2] is not null).Select(r => (long)r[2]!).ToList();
            var d = g.Where(r => r[3] is not null).Select(r => (double)r[3]!).ToList();
            var pairs = g.Where(r => r[2] is not null && r[3] is not null).Select(r => ((double)(long)r[2]!, (double)r[3]!)).ToList();
            var dv = v.Distinct().ToList();
            return Row(g.Key.Item1, g.Key.Item2, v.Count == 0 ? null : v.Sum(), (long)d.Count, g.LongCount(),
                v.Count == 0 ? null : v.Average(), d.Count == 0 ? null : d.Min(), v.Count == 0 ? null : v.Max(),
                d.Count < 2 ? null : Math.Sqrt(d.Sum(x => (x - d.Average()) * (x - d.Average())) / (d.Count - 1)),
                v.Count == 0 ? null : v.Sum(x => (x - v.Average()) * (x - v.Average())) / v.Count,
                Median(d), Corr(pairs), (long)dv.Count, dv.Count == 0 ? null : dv.Sum());
        }).ToList();
        EqualUnordered(expected, Collect(op, Context(dop: dop)));
    }

    private static object? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        double pos = (sorted.Count - 1) * 0.5;
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return lo == hi ? sorted[lo] : (hi - pos) * sorted[lo] + (pos - lo) * sorted[hi];
    }

    private static object? Corr(List<(double X, double Y)> pairs)
    {
        if (pairs.Count < 2) return null;
        double mx = pairs.Average(p => p.X), my = pairs.Average(p => p.Y);
        double c = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        double sx = pairs.Sum(p => (p.X - mx) * (p.X - mx)), sy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        return c / Math.Sqrt(sx * sy);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void NonNullableNarrowKeysPackTwoPerWord(int dop, bool dictionary)
    {
        var schema = new Schema(
        [
            new Field("a", ColumnType.String, false), new Field("b", ColumnType.Int32, false), new Field("c", ColumnType.String, false),
            new Field("d", ColumnType.Int32, false), new Field("e", ColumnType.Int32, false), new Field("v", ColumnType.Float64, false),
        ]);
        var rng = new Random(5);
        var rows = Enumerable.Range(0, 4000).Select(_ => Row("s" + rng.Next(5), rng.Next(-3, 3), "t" + rng.Next(7), rng.Next(4), int.MinValue + rng.Next(2), rng.NextDouble())).ToList();
        var op = new HashAggregateOperator(Source(schema, rows, 50, dictionary), [0, 1, 2, 3, 4], [new(AggregateFunction.CountAll, -1, "n"), new(AggregateFunction.Max, 5, "m")]);
        var expected = rows.GroupBy(r => ((string)r[0]!, (int)r[1]!, (string)r[2]!, (int)r[3]!, (int)r[4]!))
            .Select(g => Row(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Key.Item5, g.LongCount(), g.Max(r => (double)r[5]!))).ToList();
        EqualUnordered(expected, Collect(op, Context(dop: dop)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TwoSmallIntKeysUseTheDirectPairLookupAndLargeOnesTheHashTable(int dop)
    {
        var schema = new Schema([new Field("a", ColumnType.Int32, false), new Field("b", ColumnType.String, false), new Field("v", ColumnType.Int32, false)]);
        var rng = new Random(9);
        int Pick() => rng.Next(4) switch { 0 => rng.Next(-3, 0), 1 => 1020 + rng.Next(10), _ => rng.Next(20) };
        var rows = Enumerable.Range(0, 5000).Select(_ => Row(Pick(), "s" + rng.Next(30), rng.Next(100))).ToList();
        var op = new HashAggregateOperator(Source(schema, rows, 97, dictionaryStrings: dop == 2), [0, 1], [new(AggregateFunction.Sum, 2, "s")]);
        var expected = rows.GroupBy(r => ((int)r[0]!, (string)r[1]!)).Select(g => Row(g.Key.Item1, g.Key.Item2, g.Sum(r => (long)(int)r[2]!))).ToList();
        EqualUnordered(expected, Collect(op, Context(dop: dop)));
    }

    [Fact]
    public void NullsInAKeyDeclaredNotNullableFailClearly()
    {
        var schema = new Schema([new Field("k", ColumnType.Int32, false)]);
        var op = new HashAggregateOperator(Source(schema, [Row(1), Row([null])]), [0], [new(AggregateFunction.CountAll, -1, "n")]);
        Assert.Contains("not nullable", Assert.Throws<InvalidOperationException>(() => Collect(op)).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CorrOfIntegersMixesExactSumsAndOnlineUpdates(int dop)
    {
        var schema = Schema(("k", ColumnType.Int32), ("x", ColumnType.Int32), ("y", ColumnType.Int32));
        var rng = new Random(17);
        // Some batches hold nulls or large values (online path), the rest small non-null ints (exact sums path).
        var rows = Enumerable.Range(0, 6000).Select(i => Row(rng.Next(6), (i / 64) % 3 == 0 && rng.Next(40) == 0 ? null : rng.Next(1, 6),
            (i / 64) % 5 == 1 ? rng.Next(-100000, 100000) : rng.Next(1, 16))).ToList();
        var op = new HashAggregateOperator(Source(schema, rows, 64), [0], [new(AggregateFunction.Corr, 1, "r", 2)]);
        var expected = rows.GroupBy(r => (int)r[0]!).Select(g => Row(g.Key,
            Corr(g.Where(r => r[1] is not null).Select(r => ((double)(int)r[1]!, (double)(int)r[2]!)).ToList()))).ToList();
        EqualUnordered(expected, Collect(op, Context(dop: dop)));
    }

    [Fact]
    public void MedianSelectHandlesDuplicatesAndNaN()
    {
        var schema = Schema(("k", ColumnType.Int32), ("v", ColumnType.Float64));
        var rows = new List<object?[]>
        {
            Row(1, 3.0), Row(1, 1.0), Row(1, 2.0), Row(1, 2.0),
            Row(2, double.NaN), Row(2, 1.0), Row(2, 5.0),
            Row(3, double.NaN), Row(3, double.NaN), Row(3, 7.0), Row(3, 7.0),
        };
        var op = new HashAggregateOperator(Source(schema, rows), [0], [new(AggregateFunction.Percentile, 1, "m")]);
        EqualUnordered([Row(1, 2.0), Row(2, 5.0), Row(3, double.NaN)], Collect(op));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ManyGroupsMergeByHashPartitionOnAllWorkers(bool dictionary)
    {
        var rng = new Random(23);
        var rows = Enumerable.Range(0, 200_000).Select(i => Row(rng.Next(30) == 0 ? null : "k" + rng.Next(400), rng.Next(500), (long)rng.Next(100), rng.NextDouble())).ToList();
        var schema = Schema(("s", ColumnType.String), ("i", ColumnType.Int32), ("v", ColumnType.Int64), ("d", ColumnType.Float64));
        var op = new HashAggregateOperator(Source(schema, rows, 4096, dictionary), [0, 1],
            [new(AggregateFunction.Sum, 2, "s"), new(AggregateFunction.CountAll, -1, "n"), new(AggregateFunction.Percentile, 2, "m"), new(AggregateFunction.Max, 0, "mx")]);
        var expected = rows.GroupBy(r => ((string?)r[0], (int)r[1]!)).Select(g =>
        {
            var v = g.Select(r => (double)(long)r[2]!).Order().ToList();
            return Row(g.Key.Item1, g.Key.Item2, g.Sum(r => (long)r[2]!), g.LongCount(), (double?)Median(v), g.Key.Item1);
        }).ToList();
        Assert.True(expected.Count > 100_000);
        EqualUnordered(expected, Collect(op, Context(dop: 2, batchSize: 10_000)));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    public void GroupsBeyondAFlushAreSetAsideAsRunsAndMergedByPartition(int dop, bool dictionary)
    {
        // ~390K groups: each worker's table fills and is set aside several times, and the same key recurs in
        // runs of both workers (whose string ids differ), so the merge must bring them together.
        var rng = new Random(7);
        var rows = new List<object?[]>();
        for (int r = 0; r < 600_000; r++)
        {
            string? s = rng.Next(40) == 0 ? null : "key-" + rng.Next(600);
            long? l = rng.Next(25) == 0 ? null : rng.Next(1000);
            rows.Add(Row(s, l, rng.Next(-50, 50), Math.Round(rng.NextDouble() * 10, 2)));
        }
        var schema = Schema(("s", ColumnType.String), ("l", ColumnType.Int64), ("v", ColumnType.Int32), ("d", ColumnType.Float64));
        var op = new HashAggregateOperator(Source(schema, rows, 8192, dictionary), [0, 1],
        [
            new(AggregateFunction.Sum, 2, "sum_v"), new(AggregateFunction.CountAll, -1, "n"), new(AggregateFunction.Min, 3, "min_d"),
            new(AggregateFunction.Max, 0, "max_s"), new(AggregateFunction.Avg, 2, "avg_v"),
        ]);
        var expected = rows.GroupBy(r => ((string?)r[0], (long?)r[1])).Select(g => Row(g.Key.Item1, g.Key.Item2,
            g.Sum(r => (long)(int)r[2]!), g.LongCount(), g.Min(r => (double)r[3]!), g.Key.Item1, g.Average(r => (double)(int)r[2]!))).ToList();
        Assert.True(expected.Count > 300_000);
        EqualUnordered(expected, Collect(op, Context(dop: dop)));
    }

    [Fact]
    public void OutputIsSplitIntoBatchSizeBatches()
    {
        var rows = Enumerable.Range(0, 100).Select(i => Row("k" + i, i, 0.0)).ToList();
        var op = new HashAggregateOperator(Source(KeyValue, rows, batchSize: 10), [0], [new(AggregateFunction.Sum, 1, "s")]);
        var ctx = Context(batchSize: 16);
        Assert.All(op.Execute(ctx), b => Assert.True(b.RowCount <= 16));
        Assert.Equal(100, Collect(op, ctx).Count);
    }

    [Fact]
    public void SchemaExplainAndValidation()
    {
        var op = new HashAggregateOperator(Source(KeyValue, []), [0, 1], [new(AggregateFunction.Sum, 2, "s"), new(AggregateFunction.CountAll, -1, "n")]);
        Assert.Equal("HashAggregate keys=[#0, #1] aggs=[sum(#2) AS s, countall(*) AS n]", op.ToString());
        Assert.Equal(["k", "v", "s", "n"], op.OutputSchema.Fields.Select(f => f.Name));
        Assert.Equal(ColumnType.Float64, op.OutputSchema[2].Type);
        Assert.False(op.OutputSchema[3].Nullable);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashAggregateOperator(Source(KeyValue, []), [5], []));
        Assert.Throws<ArgumentException>(() => new HashAggregateOperator(Source(KeyValue, []), [], [new(AggregateFunction.Corr, 1, "r")]));
        Assert.Throws<ArgumentException>(() => new HashAggregateOperator(Source(KeyValue, []), [], [new(AggregateFunction.Sum, 0, "s")]));
        Assert.Throws<ArgumentException>(() => new HashAggregateOperator(Source(KeyValue, []), [], []));
    }

    [Fact]
    public void ResultTypesFollowSpark()
    {
        Assert.Equal(ColumnType.Int64, AggregateCall.ResultType(AggregateFunction.Sum, ColumnType.Int32));
        Assert.Equal(ColumnType.Float64, AggregateCall.ResultType(AggregateFunction.Sum, ColumnType.Float32));
        Assert.Equal(ColumnType.Decimal(38, 4), AggregateCall.ResultType(AggregateFunction.Sum, ColumnType.Decimal(30, 4)));
        Assert.Equal(ColumnType.Decimal(14, 6), AggregateCall.ResultType(AggregateFunction.Avg, ColumnType.Decimal(10, 2)));
        Assert.Equal(ColumnType.Float64, AggregateCall.ResultType(AggregateFunction.Avg, ColumnType.Int64));
        Assert.Equal(ColumnType.String, AggregateCall.ResultType(AggregateFunction.Max, ColumnType.String));
        Assert.Equal(ColumnType.Int64, AggregateCall.ResultType(AggregateFunction.CountDistinct, ColumnType.String));
    }

    [Fact]
    public void GlobalAggregateOverMemoryLimitFailsClearly()
    {
        // Without group columns there is nothing to spill: 20,000 distinct values outgrow a 10 KB limit.
        var rows = Enumerable.Range(0, 20000).Select(i => Row("k" + i, i, 0.0)).ToList();
        var op = new HashAggregateOperator(Source(KeyValue, rows, batchSize: 100), [], [new(AggregateFunction.CountDistinct, 1, "d")]);
        var e = Assert.Throws<InsufficientMemoryException>(() => Collect(op, Context(memoryLimit: 10_000)));
        Assert.Contains("memory limit", e.Message);
        Assert.Contains("without group columns", e.Message);
    }
}
