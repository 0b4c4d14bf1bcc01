using Kindling.Execution.Operators.Join;
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
}
