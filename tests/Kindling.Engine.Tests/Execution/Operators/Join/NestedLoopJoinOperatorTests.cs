using Kindling.Execution.Operators.Join;
using Kindling.Plan.Expressions;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Execution.Operators.OperatorTestData;

namespace Kindling.Engine.Tests.Execution.Operators.Join;

public sealed class NestedLoopJoinOperatorTests
{
    [Fact]
    public void CrossProductInLeftMajorOrderWithBoundedBatches()
    {
        var ls = Schema(("a", ColumnType.Int32));
        var rs = Schema(("b", ColumnType.String));
        var left = new List<object?[]> { Row(1), Row([null]), Row(3) };
        var right = new List<object?[]> { Row("x"), Row([null]) };
        var op = new NestedLoopJoinOperator(Source(ls, left, 2), Source(rs, right, 1));
        var expected = left.SelectMany(l => right.Select(r => Row(l[0], r[0]))).ToList();
        Equal(expected, Collect(op, Context(batchSize: 3)));
        Assert.Equal(["a", "b"], op.OutputSchema.Fields.Select(f => f.Name));
        Assert.Equal("NestedLoopJoin Cross", op.ToString());
    }

    [Fact]
    public void EmptySideGivesNoRows()
    {
        var s = Schema(("a", ColumnType.Int32));
        Assert.Empty(Collect(new NestedLoopJoinOperator(Source(s, [Row(1)]), Source(s, []))));
        Assert.Empty(Collect(new NestedLoopJoinOperator(Source(s, []), Source(s, [Row(1)]))));
    }

    [Fact]
    public void A_Range_Condition_Keeps_Only_Matching_Pairs_In_Left_Major_Order()
    {
        // Each value finds the [start, end] ranges holding it; nulls match nothing.
        var ls = Schema(("v", ColumnType.Int64), ("tag", ColumnType.String));
        var rs = Schema(("start", ColumnType.Int64), ("end", ColumnType.Int64), ("name", ColumnType.String));
        var left = Enumerable.Range(0, 50).Select(i => Row(i % 7 == 0 ? null : (long)i, $"t{i}")).ToList();
        var right = new List<object?[]> { Row(0L, 9L, "low"), Row(5L, 14L, "mid"), Row(40L, 100L, "high"), Row(200L, 300L, "none") };
        var v = new BoundRef(0, ColumnType.Int64, true, "v");
        var condition = new LogicalExpr(true,
            new ComparisonExpr(ComparisonOp.GreaterThanOrEqual, v, new BoundRef(2, ColumnType.Int64, false, "start")),
            new ComparisonExpr(ComparisonOp.LessThanOrEqual, v, new BoundRef(3, ColumnType.Int64, false, "end")));
        var op = new NestedLoopJoinOperator(Source(ls, left, 8), Source(rs, right, 3), condition);
        var expected = left.SelectMany(l => right.Where(r => l[0] is long x && x >= (long)r[0]! && x <= (long)r[1]!).Select(r => Row(l[0], l[1], r[0], r[1], r[2]))).ToList();
        Assert.True(expected.Count > 10);
        Equal(expected, Collect(op, Context(batchSize: 5)));
        Equal(expected, Collect(op, new Kindling.Execution.QueryContext(1) { BatchSize = 64 }));
    }
}
