using Kindling.Execution;
using Kindling.Execution.Operators.Source;
using Kindling.Execution.Operators.Union;
using Kindling.Kernels.Selection;
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

    [Fact]
    public void Empty_Children_Contribute_Nothing_And_Nulls_Pass_Through()
    {
        var schema = OperatorTestData.Schema(("k", ColumnType.Int64), ("s", ColumnType.String));
        var empty = OperatorTestData.Source(schema, []);
        var zeroRowBatch = new InMemorySourceOperator(schema, [new ColumnBatch(schema, [.. schema.Fields.Select(f => VectorFromObjects.Build(f.Type, []))], 0)]);
        var withNulls = OperatorTestData.Source(schema, [OperatorTestData.Row(1L, null), OperatorTestData.Row(null, "b"), OperatorTestData.Row(null, null)], batchSize: 2);
        var more = OperatorTestData.Source(schema, [OperatorTestData.Row(4L, "d")], dictionaryStrings: true);
        var op = new UnionOperator([empty, withNulls, zeroRowBatch, more, empty], schema);
        OperatorTestData.Equal(
            [OperatorTestData.Row(1L, null), OperatorTestData.Row(null, "b"), OperatorTestData.Row(null, null), OperatorTestData.Row(4L, "d")],
            OperatorTestData.Collect(op));
        Assert.Empty(OperatorTestData.Collect(new UnionOperator([empty, zeroRowBatch], schema)));
    }
}
