using Kindling.Execution;
using Kindling.Execution.Operators.Limit;
using Kindling.Execution.Operators.Source;
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
}
