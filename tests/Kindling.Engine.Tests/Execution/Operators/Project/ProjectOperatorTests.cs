using Kindling.Execution;
using Kindling.Execution.Operators.Project;
using Kindling.Execution.Operators.Source;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Operators;

public class ProjectOperatorTests
{
    [Fact]
    public void Evaluates_Expressions_And_Passes_References_Through()
    {
        var range = new RangeOperator(0, 4, 1);
        var id = new BoundRef(0, ColumnType.Int64, false, "id");
        var doubled = new ArithmeticExpr(ArithmeticOp.Multiply, id, Literal.FromObject(2L));
        var schema = new Schema([new Field("id", ColumnType.Int64, false), new Field("d", ColumnType.Int64)]);
        var op = new ProjectOperator(range, [id, doubled], schema);
        Assert.Equal("Project [id@0, (id@0 * 2) AS d]", op.ToString());
        var batch = op.Execute(new QueryContext(1)).Single();
        Assert.Equal([0L, 2L, 4L, 6L], ((PrimitiveVector<long>)batch[1]).Values.ToArray());
    }
}
