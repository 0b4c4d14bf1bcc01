using Kindling.Execution.Operators.Sort;
using Kindling.Execution.Operators.Window;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Execution.Operators.OperatorTestData;

namespace Kindling.Engine.Tests.Execution.Operators.Window;

public sealed class WindowOperatorTests
{
    private static readonly Schema TestSchema = Schema(("p", ColumnType.String), ("o", ColumnType.Int32), ("v", ColumnType.Int64), ("id", ColumnType.Int32));

    private static List<object?[]> RandomRows(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(i => Row(
            rng.Next(10) < 6 ? "hot" : rng.Next(8) == 0 ? null : "p" + rng.Next(5),
            rng.Next(6) == 0 ? null : rng.Next(5),
            rng.Next(5) == 0 ? null : (long)rng.Next(-50, 50),
            i)).ToList();
    }

    /// <summary>The reference: rows sorted by partition (nulls first) then o ascending nulls first, stable on id; partitions as lists.</summary>
    private static List<List<object?[]>> Partitions(List<object?[]> rows) =>
        rows.GroupBy(r => (string?)r[0])
            .OrderBy(g => g.Key is null ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r[1] is null ? 0 : 1).ThenBy(r => (int?)r[1]).ThenBy(r => (int)r[3]!).ToList())
            .ToList();

    [Fact]
    public void RankingFunctions()
    {
        var rows = RandomRows(300, 1);
        var op = new WindowOperator(Source(TestSchema, rows, 13), [0], [new SortKey(1)],
        [
            new(WindowFunction.RowNumber, -1, "rn"), new(WindowFunction.Rank, -1, "rk"), new(WindowFunction.DenseRank, -1, "dr"),
            new(WindowFunction.PercentRank, -1, "pr"), new(WindowFunction.CumeDist, -1, "cd"), new(WindowFunction.Ntile, -1, "nt", Offset: 4),
        ]);
        var expected = new List<object?[]>();
        foreach (var part in Partitions(rows))
        {
            int n = part.Count;
            for (int i = 0; i < n; i++)
            {
                object? o = part[i][1];
                int firstPeer = part.FindIndex(r => Equals(r[1], o));
                int lastPeer = part.FindLastIndex(r => Equals(r[1], o));
                int dense = part.Take(i + 1).Select(r => r[1]).Distinct().Count();
                int per = n / 4, rem = n % 4;
                int tile = i < rem * (per + 1) ? i / (per + 1) + 1 : rem + (i - rem * (per + 1)) / per + 1;
                expected.Add([.. part[i], i + 1, firstPeer + 1, dense, n == 1 ? 0.0 : (double)firstPeer / (n - 1), (double)(lastPeer + 1) / n, tile]);
            }
        }
        Equal(expected, Collect(op, Context(batchSize: 64)));
    }

    [Fact]
    public void LagLeadWithDefaults()
    {
        var rows = RandomRows(200, 2);
        var op = new WindowOperator(Source(TestSchema, rows, 9, dictionaryStrings: true), [0], [new SortKey(1)],
        [
            new(WindowFunction.Lag, 2, "lag1"), new(WindowFunction.Lead, 2, "lead2", Offset: 2, DefaultValue: -1L),
            new(WindowFunction.Lag, 0, "lagp", Offset: 1, DefaultValue: "none"),
        ]);
        var expected = new List<object?[]>();
        foreach (var part in Partitions(rows))
            for (int i = 0; i < part.Count; i++)
                expected.Add([.. part[i], i >= 1 ? part[i - 1][2] : null, i + 2 < part.Count ? part[i + 2][2] : -1L, i >= 1 ? part[i - 1][0] : "none"]);
        Equal(expected, Collect(op));
    }

    [Fact]
    public void AggregatesOverFrames()
    {
        var rows = RandomRows(250, 3);
        var running = new WindowFrame(false, long.MinValue, 0);
        var sliding = new WindowFrame(true, -2, 1);
        var op = new WindowOperator(Source(TestSchema, rows, 11), [0], [new SortKey(1)],
        [
            new(WindowFunction.Sum, 2, "run_sum"),                       // default frame: RANGE .. CURRENT ROW with peers
            new(WindowFunction.Count, 2, "run_count", running),
            new(WindowFunction.Sum, 2, "slide_sum", sliding),
            new(WindowFunction.Avg, 2, "slide_avg", sliding),
            new(WindowFunction.Min, 2, "slide_min", sliding),
            new(WindowFunction.Max, 2, "run_max"),
            new(WindowFunction.First, 2, "first", sliding),
            new(WindowFunction.Last, 2, "last", sliding),
            new(WindowFunction.Sum, 2, "all_sum", new WindowFrame(true, long.MinValue, long.MaxValue)),
            new(WindowFunction.Count, -1, "rows_before", new WindowFrame(true, long.MinValue, -1)),
        ]);
        var expected = new List<object?[]>();
        foreach (var part in Partitions(rows))
        {
            for (int i = 0; i < part.Count; i++)
            {
                int lastPeer = part.FindLastIndex(r => Equals(r[1], part[i][1]));
                var run = part.Take(lastPeer + 1).Select(r => (long?)r[2]).ToList();
                var slide = part.Skip(Math.Max(0, i - 2)).Take(i + 2 - Math.Max(0, i - 2)).Select(r => (long?)r[2]).ToList();
                var slideValues = slide.Where(v => v is not null).Select(v => v!.Value).ToList();
                var runValues = run.Where(v => v is not null).Select(v => v!.Value).ToList();
                var all = part.Select(r => (long?)r[2]).Where(v => v is not null).Select(v => v!.Value).ToList();
                expected.Add([.. part[i],
                    runValues.Count == 0 ? null : runValues.Sum(), (long)runValues.Count,
                    slideValues.Count == 0 ? null : slideValues.Sum(), slideValues.Count == 0 ? null : slideValues.Average(),
                    slideValues.Count == 0 ? null : slideValues.Min(), runValues.Count == 0 ? null : runValues.Max(),
                    slide[0], slide[^1], all.Count == 0 ? null : all.Sum(), (long)i]);
            }
        }
        Equal(expected, Collect(op, Context(batchSize: 50)));
    }

    [Fact]
    public void NoPartitionNoOrderIsWholeInputFrame()
    {
        var rows = RandomRows(20, 4);
        var op = new WindowOperator(Source(TestSchema, rows), [], [], [new(WindowFunction.Sum, 2, "total"), new(WindowFunction.Count, -1, "n")]);
        long? total = rows.Where(r => r[2] is not null).Sum(r => (long?)r[2]);
        Equal(rows.Select(r => (object?[])[.. r, total, 20L]), Collect(op));
    }

    [Fact]
    public void DecimalSumAndTopTwoPerGroup()
    {
        var schema = Schema(("g", ColumnType.Int32), ("m", ColumnType.Decimal(10, 2)));
        var rows = new List<object?[]> { Row(1, 1.25m), Row(1, 3.50m), Row(2, 0.10m), Row(1, 2.00m), Row(2, null) };
        var op = new WindowOperator(Source(schema, rows, 2), [0], [new SortKey(1, Ascending: false, NullsFirst: false)],
            [new(WindowFunction.RowNumber, -1, "rn"), new(WindowFunction.Sum, 1, "s"), new(WindowFunction.Avg, 1, "a")]);
        Assert.Equal(ColumnType.Decimal(20, 2), op.OutputSchema[3].Type);
        Assert.Equal(ColumnType.Decimal(14, 6), op.OutputSchema[4].Type);
        Equal(
        [
            Row(1, 3.50m, 1, 3.50m, 3.5m), Row(1, 2.00m, 2, 5.50m, 2.75m), Row(1, 1.25m, 3, 6.75m, 2.25m),
            Row(2, 0.10m, 1, 0.10m, 0.1m), Row(2, null, 2, 0.10m, 0.1m),
        ], Collect(op));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void NumericKeysTakeTheNormalizedSortPath(int dop)
    {
        var schema = Schema(("p", ColumnType.Int32), ("o", ColumnType.Float64), ("v", ColumnType.Int64), ("id", ColumnType.Int32));
        var rng = new Random(31);
        var rows = Enumerable.Range(0, 50_000).Select(i => Row(dop == 2 ? rng.Next(300) : rng.Next(20) == 0 ? null : rng.Next(300), rng.Next(10) == 0 ? null : (double)rng.Next(8), (long)rng.Next(100), i)).ToList();
        var op = new WindowOperator(Source(schema, rows, 4096), [0], [new SortKey(1, Ascending: false, NullsFirst: false)],
            [new(WindowFunction.Rank, -1, "rk"), new(WindowFunction.DenseRank, -1, "dr"), new(WindowFunction.Sum, 2, "run")]);
        var expected = new List<object?[]>();
        var parts = rows.GroupBy(r => (int?)r[0]).OrderBy(g => g.Key is null ? 0 : 1).ThenBy(g => g.Key)
            .Select(g => g.OrderBy(r => r[1] is null ? 1 : 0).ThenByDescending(r => (double?)r[1]).ThenBy(r => (int)r[3]!).ToList());
        foreach (var part in parts)
            for (int i = 0; i < part.Count; i++)
            {
                int first = part.FindIndex(r => Equals(r[1], part[i][1])), last = part.FindLastIndex(r => Equals(r[1], part[i][1]));
                expected.Add([.. part[i], first + 1, part.Take(i + 1).Select(r => r[1]).Distinct().Count(), part.Take(last + 1).Sum(r => (long)r[2]!)]);
            }
        Equal(expected, Collect(op, Context(dop: dop)));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    public void TopNPerGroupKeepsTheEarlierOfTiedRowsOnAllWorkers(int dop, bool dictionary)
    {
        // Few distinct order values: most candidates tie, and tied rows sit in batches that different workers take.
        var schema = Schema(("p", ColumnType.String), ("o", ColumnType.Float64), ("id", ColumnType.Int32));
        var rng = new Random(5);
        var rows = Enumerable.Range(0, 40_000).Select(i => Row(rng.Next(30) == 0 ? null : "p" + rng.Next(500), rng.Next(12) == 0 ? null : (double)rng.Next(4), i)).ToList();
        var op = new WindowTopNOperator(Source(schema, rows, 1000, dictionary), [0], [new SortKey(1, Ascending: false, NullsFirst: false)], 3, "rn");
        var expected = rows.GroupBy(r => (string?)r[0])
            .SelectMany(g => g.OrderBy(r => r[1] is null ? 1 : 0).ThenByDescending(r => (double?)r[1]).Take(3).Select((r, i) => Row(r[0], r[1], r[2], i + 1)))
            .ToList();
        EqualUnordered(expected, Collect(op, Context(dop: dop)));
    }

    [Theory]
    [InlineData(1, true, true, 1, false)]
    [InlineData(2, true, false, 2, false)]
    [InlineData(2, false, true, 2, true)]
    [InlineData(2, false, false, 3, true)]
    [InlineData(1, false, true, 1, true)]
    public void TopNPerGroupOfNumericPartitionsInEveryDirectionAndNullPlacement(int dop, bool ascending, bool nullsFirst, int limit, bool wideKeys)
    {
        // Small int partitions take the dense group lookup, wide ones the hash table; partitions fill early, so most
        // rows meet a full partition's admission bound, including bounds set by nulls placed first or last.
        var schema = Schema(("p", ColumnType.Int64), ("o", ColumnType.Int32), ("id", ColumnType.Int32));
        var rng = new Random(11 + limit);
        var rows = Enumerable.Range(0, 60_000).Select(i =>
        {
            long p = rng.Next(400) + (wideKeys ? 1L << 40 : 0);
            object? o = rng.Next(15) == 0 ? null : rng.Next(-50, 50);
            return Row(rng.Next(50) == 0 ? null : p, o, i);
        }).ToList();
        var op = new WindowTopNOperator(Source(schema, rows, 2048), [0], [new SortKey(1, ascending, nullsFirst)], limit, "rn");
        var expected = rows.GroupBy(r => (long?)r[0])
            .SelectMany(g =>
            {
                var values = g.Where(r => r[1] is not null);
                var ordered = ascending ? values.OrderBy(r => (int)r[1]!) : values.OrderByDescending(r => (int)r[1]!);
                var nulls = g.Where(r => r[1] is null);
                var all = nullsFirst ? nulls.Concat(ordered) : ordered.Concat(nulls); // both stable: ties keep input order
                return all.Take(limit).Select((r, i) => Row(r[0], r[1], r[2], i + 1));
            })
            .ToList();
        EqualUnordered(expected, Collect(op, Context(dop: dop)));
    }

    [Fact]
    public void EmptyInput()
    {
        Assert.Empty(Collect(new WindowOperator(Source(TestSchema, []), [0], [new SortKey(1)], [new(WindowFunction.RowNumber, -1, "rn")])));
    }

    [Fact]
    public void ResultTypesExplainAndValidation()
    {
        Assert.Equal(ColumnType.Int32, WindowOperator.ResultType(new(WindowFunction.Rank, -1, "r"), null));
        Assert.Equal(ColumnType.Float64, WindowOperator.ResultType(new(WindowFunction.CumeDist, -1, "c"), null));
        Assert.Equal(ColumnType.Int64, WindowOperator.ResultType(new(WindowFunction.Sum, 0, "s"), ColumnType.Int32));
        Assert.Equal(ColumnType.String, WindowOperator.ResultType(new(WindowFunction.Lag, 0, "l"), ColumnType.String));
        var src = Source(TestSchema, []);
        var op = new WindowOperator(src, [0], [new SortKey(1)], [new(WindowFunction.Sum, 2, "s", new WindowFrame(true, -1, 1))]);
        Assert.Equal("Window partition=[#0] order=[#1 ASC NULLS FIRST] calls=[sum(#2) ROWS [-1, 1] AS s]", op.ToString());
        Assert.Equal(5, op.OutputSchema.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowOperator(src, [7], [], [new(WindowFunction.Count, -1, "n")]));
        Assert.Throws<ArgumentException>(() => new WindowOperator(src, [], [new SortKey(1)], [new(WindowFunction.Ntile, -1, "n", Offset: 0)]));
        Assert.Throws<ArgumentException>(() => new WindowOperator(src, [], [], [new(WindowFunction.Rank, -1, "r")]));
        // A RANGE frame with value offsets needs exactly one numeric or date order key.
        Assert.Throws<NotSupportedException>(() => new WindowOperator(src, [], [new SortKey(0)], [new(WindowFunction.Sum, 2, "s", new WindowFrame(false, -3, 0))]));
        Assert.Throws<NotSupportedException>(() => new WindowOperator(src, [], [new SortKey(1), new SortKey(3)], [new(WindowFunction.Sum, 2, "s", new WindowFrame(false, -3, 0))]));
        Assert.Equal(5, new WindowOperator(src, [], [new SortKey(1)], [new(WindowFunction.Sum, 2, "s", new WindowFrame(false, -3, 0))]).OutputSchema.Count);
    }
}
