using Kindling.Execution;
using Kindling.Execution.Operators.Limit;
using Kindling.Execution.Operators.Source;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Operators;

public class LimitOperatorTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]
    [InlineData(100, 100)]
    [InlineData(150, 150)]
    [InlineData(1000, 250)]
    public void Takes_The_First_Rows_Across_Batches(long limit, int expected)
    {
        var ctx = new QueryContext(1) { BatchSize = 100 };
        var batches = new LimitOperator(new RangeOperator(0, 250, 1), limit).Execute(ctx).ToList();
        Assert.Equal(expected, batches.Sum(b => b.RowCount));
        var values = batches.SelectMany(b => ((PrimitiveVector<long>)b[0]).Values.ToArray()).ToList();
        Assert.Equal(Enumerable.Range(0, expected).Select(i => (long)i), values);
    }

    /// <summary>Yields the given batches then fails: a consumer that pulls one batch too many sees the error.</summary>
    private sealed class FailAfter(Schema schema, IReadOnlyList<ColumnBatch> batches) : PhysicalOperator(schema)
    {
        public int Pulled { get; private set; }

        public override string Name => "FailAfter";

        public override IEnumerable<ColumnBatch> Execute(QueryContext context)
        {
            foreach (var b in batches)
            {
                Pulled++;
                yield return b;
            }
            throw new InvalidOperationException("pulled past the rows the limit needs");
        }
    }

    private static readonly Schema One = OperatorTestData.Schema(("v", ColumnType.Int64));

    private static ColumnBatch Batch(params long[] values) =>
        new(One, [VectorFromObjects.Build(ColumnType.Int64, [.. values.Select(v => (object?)v)])], values.Length);

    [Fact]
    public void Limit_Zero_Never_Runs_Its_Child()
    {
        var child = new FailAfter(One, []);
        Assert.Empty(new LimitOperator(child, 0).Execute(new QueryContext(1)).ToList());
        Assert.Equal(0, child.Pulled);
    }

    [Fact]
    public void Limit_Over_An_Empty_Child_Is_Empty()
    {
        Assert.Empty(OperatorTestData.Collect(new LimitOperator(OperatorTestData.Source(One, []), 5)));
        Assert.Empty(OperatorTestData.Collect(new LimitOperator(new RangeOperator(0, 0, 1), 5)));
        Assert.Empty(OperatorTestData.Collect(new LimitOperator(new InMemorySourceOperator(One, [Batch(), Batch()]), 3)));
    }

    [Fact]
    public void Stops_Pulling_Once_The_Limit_Is_Reached_And_Skips_Empty_Batches()
    {
        var child = new FailAfter(One, [Batch(), Batch(1, 2), Batch(), Batch(3, 4, 5)]);
        OperatorTestData.Equal([[1L], [2L], [3L]], OperatorTestData.Collect(new LimitOperator(child, 3)));
        Assert.Equal(4, child.Pulled);
        var exact = new FailAfter(One, [Batch(1, 2)]);
        OperatorTestData.Equal([[1L], [2L]], OperatorTestData.Collect(new LimitOperator(exact, 2)));
        Assert.Equal(1, exact.Pulled);
    }

    [Fact]
    public void Nulls_Survive_A_Cut_Batch()
    {
        var schema = OperatorTestData.Schema(("k", ColumnType.Int64), ("s", ColumnType.String));
        var src = OperatorTestData.Source(schema, [OperatorTestData.Row(null, "a"), OperatorTestData.Row(2L, null), OperatorTestData.Row(3L, "c")], batchSize: 3);
        OperatorTestData.Equal([OperatorTestData.Row(null, "a"), OperatorTestData.Row(2L, null)], OperatorTestData.Collect(new LimitOperator(src, 2)));
    }
}
