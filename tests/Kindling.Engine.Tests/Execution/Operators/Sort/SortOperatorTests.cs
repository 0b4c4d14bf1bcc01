using Kindling.Execution.Operators.Sort;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Execution.Operators.OperatorTestData;

namespace Kindling.Engine.Tests.Execution.Operators.Sort;

public sealed class SortOperatorTests
{
    private static readonly Schema TestSchema = Schema(("s", ColumnType.String), ("d", ColumnType.Float64), ("i", ColumnType.Int32), ("id", ColumnType.Int32));

    private static List<object?[]> RandomRows(int n, int seed)
    {
        var rng = new Random(seed);
        string?[] strings = [null, "a", "B", "é", "z", "\uFB01", "", "ab"];
        double?[] doubles = [null, double.NaN, -0.0, 0.0, 1.5, -3, double.PositiveInfinity, double.NegativeInfinity];
        return Enumerable.Range(0, n).Select(i => Row(strings[rng.Next(strings.Length)], doubles[rng.Next(doubles.Length)], rng.Next(5) == 0 ? null : rng.Next(4), i)).ToList();
    }

    /// <summary>Spark's ordering of one value: nulls first/last, UTF-8 byte order for strings, NaN greatest, -0.0 = 0.0.</summary>
    private static int CompareValue(object? a, object? b, bool asc, bool nullsFirst)
    {
        if (a is null || b is null) return a is null && b is null ? 0 : (a is null) == nullsFirst ? -1 : 1;
        int c = (a, b) switch
        {
            (string x, string y) => System.Text.Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y)),
            (double x, double y) => double.IsNaN(x) ? (double.IsNaN(y) ? 0 : 1) : double.IsNaN(y) ? -1 : x.Equals(y) || x == y ? 0 : x < y ? -1 : 1,
            _ => Comparer<object>.Default.Compare(a, b),
        };
        return asc ? c : -c;
    }

    private static List<object?[]> Reference(List<object?[]> rows, SortKey[] keys) =>
        rows.Order(Comparer<object?[]>.Create((x, y) =>
        {
            foreach (var k in keys)
            {
                int c = CompareValue(x[k.Column], y[k.Column], k.Ascending, k.NullsFirst);
                if (c != 0) return c;
            }
            return ((int)x[3]!).CompareTo((int)y[3]!); // stability: input order
        })).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiKeyStableSparkOrdering(bool dictionary)
    {
        var rows = RandomRows(400, 3);
        SortKey[] keys = [new(0, true, true), new(1, false, false), new(2, true, false)];
        var op = new SortOperator(Source(TestSchema, rows, 37, dictionary), keys);
        Equal(Reference(rows, keys), Collect(op, Context(batchSize: 50)));
    }

    [Fact]
    public void DoublesNaNLargestAndNegativeZeroEqualsZeroKeepsInputOrder()
    {
        var rows = new List<object?[]> { Row("a", 0.0, 1, 0), Row("a", double.NaN, 1, 1), Row("a", -0.0, 1, 2), Row("a", null, 1, 3), Row("a", -1.0, 1, 4) };
        var op = new SortOperator(Source(TestSchema, rows), [new(1, true, false)]);
        Assert.Equal([4, 0, 2, 1, 3], Collect(op).Select(r => (int)r[3]!));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void NumericKeysUseNormalizedKeySortInParallel(int dop)
    {
        var rows = RandomRows(40000, 8);
        SortKey[][] keySets =
        [
            [new(2, true, false)],                                  // int with nulls: 33 bits
            [new(2, false, true), new(1, false, false)],            // int + double with nulls, descending
            [new(1, true, true), new(3, false, true)],              // double + int without nulls
            [new(1, true, true), new(2, true, true), new(1, false, true)], // too wide: falls back to row comparisons
        ];
        foreach (var keys in keySets)
        {
            var op = new SortOperator(Source(TestSchema, rows, 4096), keys);
            Equal(Reference(rows, keys), Collect(op, Context(dop: dop)));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SmallRangeIntFirstKeyUsesBucketSort(bool ascending)
    {
        var schema = Schema(("g", ColumnType.Int32), ("d", ColumnType.Float64), ("x", ColumnType.Int32), ("id", ColumnType.Int32));
        var rng = new Random(77);
        var rows = Enumerable.Range(0, 30000).Select(i => Row(rng.Next(-50, 50), rng.Next(7) == 0 ? null : (double)rng.Next(10), rng.Next(3), i)).ToList();
        var reference = new List<object?[]>(rows.Select(r => (object?[])[r[0], r[1], r[2], r[3]]));
        foreach (SortKey[] keys in new[] { new SortKey[] { new(0, ascending) }, [new(0, ascending), new(1, !ascending, false), new(2)] })
        {
            var op = new SortOperator(Source(schema, rows, 1000), keys);
            var expected = rows.Order(Comparer<object?[]>.Create((a, b) =>
            {
                foreach (var k in keys)
                {
                    int c = CompareValue(a[k.Column], b[k.Column], k.Ascending, k.NullsFirst);
                    if (c != 0) return c;
                }
                return ((int)a[3]!).CompareTo((int)b[3]!);
            })).ToList();
            Equal(expected, Collect(op, Context(dop: 2)));
        }
    }

    [Fact]
    public void TopNWithLimit()
    {
        var rows = RandomRows(1000, 5);
        SortKey[] keys = [new(2, false, true), new(1, true, true)];
        var op = new SortOperator(Source(TestSchema, rows, 10), keys, limit: 7);
        Equal(Reference(rows, keys).Take(7), Collect(op, Context(batchSize: 4)));
        Assert.Empty(Collect(new SortOperator(Source(TestSchema, rows, 10), keys, limit: 0)));
    }

    [Fact]
    public void SpillsSortedRunsAndMerges()
    {
        var rows = RandomRows(3000, 9);
        SortKey[] keys = [new(0, false, false), new(2, true, true)];
        string spill = Path.Combine(Path.GetTempPath(), "kindling-sort-test-" + Guid.NewGuid().ToString("N"));
        var op = new SortOperator(Source(TestSchema, rows, 100), keys);
        var context = Context(memoryLimit: 8_000, batchSize: 256, spill: spill);
        var result = Collect(op, context);
        Equal(Reference(rows, keys), result);
        Assert.True(context.Spills.Files > 1, $"expected several sorted runs, got {context.Spills.Files}");
        Assert.Equal(3000, context.Spills.Rows);
        Assert.Empty(Directory.GetFiles(spill));
        Directory.Delete(spill);
    }

    [Fact]
    public void ArrayPayloadSurvivesSpilledRuns()
    {
        var schema = Schema(("k", ColumnType.Int32), ("parts", ColumnType.Array(ColumnType.String)));
        var rng = new Random(11);
        var rows = Enumerable.Range(0, 2000).Select(i => Row(rng.Next(500), i % 7 == 0 ? null : new object?[] { "p" + i, i % 3 == 0 ? null : "", "x" })).ToList();
        string spill = Path.Combine(Path.GetTempPath(), "kindling-sort-array-test-" + Guid.NewGuid().ToString("N"));
        var op = new SortOperator(Source(schema, rows, 100), [new(0)]);
        var result = Collect(op, Context(memoryLimit: 8_000, batchSize: 256, spill: spill));
        // Stable by key: equal keys keep input order, so each row's array must come back with its key.
        var expected = rows.Select((r, i) => (Row: r, i)).OrderBy(x => (int)x.Row[0]!).ThenBy(x => x.i).Select(x => x.Row).ToList();
        Assert.Equal(expected.Count, result.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i][0], result[i][0]);
            Assert.Equal((object?[]?)expected[i][1], (object?[]?)result[i][1]);
        }
        Assert.Empty(Directory.GetFiles(spill));
        Directory.Delete(spill);
    }

    [Fact]
    public void EmptyAndOneRowInputs()
    {
        Assert.Empty(Collect(new SortOperator(Source(TestSchema, []), [new(0)])));
        Equal([Row("x", 1.0, 2, 0)], Collect(new SortOperator(Source(TestSchema, [Row("x", 1.0, 2, 0)]), [new(0)])));
    }

    [Fact]
    public void ExplainAndValidation()
    {
        var op = new SortOperator(Source(TestSchema, []), [new(0), new(2, false, false)], 10);
        Assert.Equal("Sort keys=[#0 ASC NULLS FIRST, #2 DESC NULLS LAST] limit=10", op.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SortOperator(Source(TestSchema, []), [new(9)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SortOperator(Source(TestSchema, []), [new(0)], -1));
    }
}
