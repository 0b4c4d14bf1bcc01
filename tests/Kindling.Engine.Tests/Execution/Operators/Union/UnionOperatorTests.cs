using Kindling.Execution;
using Kindling.Execution.Operators.Source;
using Kindling.Execution.Operators.Union;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Operators;

public class UnionOperatorTests
{
    [Fact]
    public void Concatenates_Children_Under_The_Union_Schema()
    {
        var schema = new Schema([new Field("x", ColumnType.Int64, false)]);
        var op = new UnionOperator([new RangeOperator(0, 2, 1), new RangeOperator(10, 12, 1, "other")], schema);
        var batches = op.Execute(new QueryContext(1)).ToList();
        Assert.All(batches, b => Assert.Equal("x", b.Schema[0].Name));
        Assert.Equal([0L, 1L, 10L, 11L], batches.SelectMany(b => ((PrimitiveVector<long>)b[0]).Values.ToArray()));
        Assert.Throws<ArgumentException>(() => new UnionOperator([new RangeOperator(0, 1, 1)], new Schema([new Field("x", ColumnType.Int32)])));
    }
}
