using Kindling.Execution;
using Kindling.Execution.Operators.Join;
using Kindling.Execution.Operators.Sort;
using Kindling.Execution.Operators.Source;
using Kindling.Execution.Operators.Window;
using Kindling.Plan.Expressions;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Execution.Operators.OperatorTestData;

namespace Kindling.Engine.Tests.Execution.Operators;

/// <summary>
/// Operators that hold their whole input (or one side of it) in memory fail with a clear
/// <see cref="InsufficientMemoryException"/> once it exceeds the query memory limit, and run normally under a
/// generous one.
/// </summary>
public sealed class MemoryLimitTests
{
    private const int Rows = 100_000;
    private const int Partitions = 100;
    private const int BatchRows = 4096;
    private const long SmallLimit = 1 << 20; // 1 MiB; the input is about 2.7 MiB
    private const long GenerousLimit = 256L << 20;

    private static readonly Schema Wide = Schema(("p", ColumnType.Int64), ("v", ColumnType.Int64), ("s", ColumnType.String));
    private static readonly Schema Probe = Schema(("x", ColumnType.Int64));

    /// <summary>Rows (p = i % 100, v = i, s = "s" + i zero-padded, so s orders like v) in batches of 4096.</summary>
    private static InMemorySourceOperator Input()
    {
        var batches = new List<ColumnBatch>();
        for (int start = 0; start < Rows; start += BatchRows)
        {
            int n = Math.Min(BatchRows, Rows - start);
            var p = new long[n];
            var v = new long[n];
            var s = new StringVectorBuilder(ColumnType.String, n, n * 8);
            for (int i = 0; i < n; i++)
            {
                long x = start + i;
                p[i] = x % Partitions;
                v[i] = x;
                s.Append("s" + x.ToString("D7", System.Globalization.CultureInfo.InvariantCulture));
            }
            batches.Add(new ColumnBatch(Wide, [new PrimitiveVector<long>(ColumnType.Int64, p, n), new PrimitiveVector<long>(ColumnType.Int64, v, n), s.Build()], n));
        }
        return new InMemorySourceOperator(Wide, batches);
    }

    private static InMemorySourceOperator ProbeRows() => Source(Probe, [Row(5L), Row(7L), Row(99_999L)]);

    /// <summary>Under a 1 MiB limit the operator throws, naming itself, the limit and the setting to raise.</summary>
    private static void Fails(string operatorName, Func<PhysicalOperator> make, int dop = 1)
    {
        var e = Assert.Throws<InsufficientMemoryException>(() => Collect(make(), Context(dop, SmallLimit, BatchRows)));
        Assert.StartsWith(operatorName + " ran out of memory", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 MiB query memory limit", e.Message, StringComparison.Ordinal);
        Assert.Contains("spark.kindling.memoryLimit", e.Message, StringComparison.Ordinal);
    }

    private static WindowOperator Window() =>
        new(Input(), [0], [new SortKey(1)], [new WindowCall(WindowFunction.RowNumber, -1, "rn")]);

    private static WindowTopNOperator TopN(int orderColumn) => new(Input(), [0], [new SortKey(orderColumn)], 3, "rn");

    /// <summary>x = v: each probe row matches one right row.</summary>
    private static NestedLoopJoinOperator NestedLoop() =>
        new(ProbeRows(), Input(), new ComparisonExpr(ComparisonOp.Equal, new BoundRef(0, ColumnType.Int64, false, "x"), new BoundRef(2, ColumnType.Int64, false, "v")));

    private static List<object?[]> Matches() => [Row(5L, 5L, 5L, "s0000005"), Row(7L, 7L, 7L, "s0000007"), Row(99_999L, 99L, 99_999L, "s0099999")];

    [Fact]
    public void Window_Over_The_Limit_Fails_Clearly()
    {
        Fails("Window", Window);
    }

    [Fact]
    public void Window_Under_A_Generous_Limit_Runs()
    {
        var rows = Collect(Window(), Context(1, GenerousLimit, BatchRows));
        Assert.Equal(Rows, rows.Count);
        Assert.Equal(Rows / Partitions, rows.Max(r => (int)r[3]!));
    }

    [Theory]
    [InlineData(1, 1)] // one fixed-width order key: the streaming path
    [InlineData(1, 2)]
    [InlineData(2, 1)] // a string order key: the concatenating path
    [InlineData(2, 2)]
    public void WindowTopN_Over_The_Limit_Fails_Clearly(int orderColumn, int dop)
    {
        Fails("WindowTopN", () => TopN(orderColumn), dop);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    public void WindowTopN_Under_A_Generous_Limit_Runs(int orderColumn, int dop)
    {
        var rows = Collect(TopN(orderColumn), Context(dop, GenerousLimit, BatchRows));
        var expected = Enumerable.Range(0, Partitions)
            .SelectMany(p => Enumerable.Range(0, 3).Select(j => Row((long)p, (long)(p + j * Partitions), "s" + (p + j * Partitions).ToString("D7", System.Globalization.CultureInfo.InvariantCulture), j + 1)))
            .ToList();
        EqualUnordered(expected, rows);
    }

    [Fact]
    public void NestedLoopJoin_Over_The_Limit_Fails_Clearly()
    {
        Fails("NestedLoopJoin", NestedLoop);
        Fails("NestedLoopJoin", () => new NestedLoopJoinOperator(ProbeRows(), Input())); // cross join
        Fails("NestedLoopJoin", () => new HashJoinOperator(ProbeRows(), Input(), [], [], JoinType.Cross)); // a hash join's cross join delegates
    }

    [Fact]
    public void NestedLoopJoin_Under_A_Generous_Limit_Runs()
    {
        Equal(Matches(), Collect(NestedLoop(), Context(1, GenerousLimit, BatchRows)));
        Assert.Equal(3 * Rows, Collect(new NestedLoopJoinOperator(ProbeRows(), Input()), Context(1, GenerousLimit, BatchRows)).Count);
    }

    [Fact]
    public void HashJoin_Build_Side_Over_The_Limit_Fails_Clearly()
    {
        var e = Assert.Throws<InsufficientMemoryException>(
            () => Collect(new HashJoinOperator(ProbeRows(), Input(), [0], [1], JoinType.Inner), Context(1, SmallLimit, BatchRows)));
        Assert.StartsWith("HashJoin build side", e.Message, StringComparison.Ordinal);
        Assert.Contains("memory limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HashJoin_Under_A_Generous_Limit_Runs()
    {
        var rows = Collect(new HashJoinOperator(ProbeRows(), Input(), [0], [1], JoinType.Inner), Context(1, GenerousLimit, BatchRows));
        EqualUnordered(Matches(), rows);
    }

    [Fact]
    public void Operators_Of_One_Query_Share_Its_Limit()
    {
        // A window holds its 2.7 MiB input while a hash join builds on its output: each fits 4 MiB, both do not.
        PhysicalOperator Make() => new HashJoinOperator(ProbeRows(), Window(), [0], [1], JoinType.Inner);
        var e = Assert.Throws<InsufficientMemoryException>(() => Collect(Make(), Context(1, 4L << 20, BatchRows)));
        Assert.StartsWith("HashJoin build side ran out of memory", e.Message, StringComparison.Ordinal);
        Assert.Contains("Window 2.", e.Message, StringComparison.Ordinal);
        Assert.Contains("4 MiB query memory limit", e.Message, StringComparison.Ordinal);

        var context = Context(1, 16L << 20, BatchRows);
        Assert.Equal(3, Collect(Make(), context).Count);
        Assert.Equal(0, context.Memory.ReservedBytes);
    }

    [Fact]
    public void Sort_Spills_When_Other_Operators_Hold_The_Memory()
    {
        string spill = Path.Combine(Path.GetTempPath(), "kindling-test-spill-" + Guid.NewGuid().ToString("N"));
        try
        {
            var context = Context(1, 4L << 20, BatchRows, spill);
            using var other = context.Memory.Reserve("other operator");
            other.Resize(3L << 20, "unused"); // leaves 1 MiB of 4 for a sort of 2.7 MiB
            var sort = new SortOperator(Input(), [new SortKey(1, Ascending: false)]);
            using (var batches = sort.Execute(context).GetEnumerator())
            {
                Assert.True(batches.MoveNext());
                Assert.NotEmpty(Directory.GetFiles(spill, "sort-run-*"));
                Assert.Equal((long)Rows - 1, (long)batches.Current[1].GetObject(0)!);
                long expected = Rows - 1 - batches.Current.RowCount, rows = batches.Current.RowCount;
                while (batches.MoveNext())
                {
                    for (int r = 0; r < batches.Current.RowCount; r++, expected--)
                        Assert.Equal(expected, (long)batches.Current[1].GetObject(r)!);
                    rows += batches.Current.RowCount;
                }
                Assert.Equal(Rows, rows);
            }
            Assert.Empty(Directory.GetFiles(spill, "sort-run-*"));
            Assert.Equal(3L << 20, context.Memory.ReservedBytes); // only what the test itself holds
        }
        finally
        {
            if (Directory.Exists(spill)) Directory.Delete(spill, recursive: true);
        }
    }

    [Fact]
    public void Every_Reservation_Is_Returned_When_A_Query_Stops_Early()
    {
        var context = Context(2, GenerousLimit, BatchRows);
        foreach (var make in new Func<PhysicalOperator>[]
        {
            Window, () => TopN(2), NestedLoop, () => new SortOperator(Input(), [new SortKey(2)]),
            () => new HashJoinOperator(Input(), Input(), [1], [1], JoinType.Inner),
        })
        {
            using (var batches = make().Execute(context).GetEnumerator())
            {
                Assert.True(batches.MoveNext());
                Assert.True(context.Memory.ReservedBytes > 0, $"{make().Name} holds nothing while running");
            }
            Assert.Equal(0, context.Memory.ReservedBytes);
        }
    }
}
