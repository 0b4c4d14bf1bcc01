using Kindling.Execution;
using Kindling.Execution.Operators.Source;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Operators;

public class RangeOperatorTests
{
    [Theory]
    [InlineData(0, 10, 3, new long[] { 0, 3, 6, 9 })]
    [InlineData(10, 0, -4, new long[] { 10, 6, 2 })]
    [InlineData(5, 5, 1, new long[0])]
    [InlineData(5, 0, 1, new long[0])]
    public void Produces_The_Range(long start, long end, long step, long[] expected)
    {
        var values = new RangeOperator(start, end, step).Execute(new QueryContext(1) { BatchSize = 2 })
            .SelectMany(b => ((PrimitiveVector<long>)b[0]).Values.ToArray()).ToArray();
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Near_Long_Max_Does_Not_Overflow_The_Count()
    {
        var values = new RangeOperator(long.MaxValue - 2, long.MaxValue, 1).Execute(new QueryContext(1))
            .SelectMany(b => ((PrimitiveVector<long>)b[0]).Values.ToArray()).ToArray();
        Assert.Equal([long.MaxValue - 2, long.MaxValue - 1], values);
    }
}
