using Kindling.Execution;
using Kindling.Execution.Operators.Filter;
using Kindling.Execution.Operators.Source;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Operators;

public class FilterOperatorTests
{
    private static readonly QueryContext Context = new(1) { BatchSize = 100 };

    private static Expr IdAbove(long v) => new ComparisonExpr(ComparisonOp.GreaterThan, new BoundRef(0, ColumnType.Int64, false, "id"), Literal.FromObject(v));

    [Fact]
    public void Passes_Batches_Through_When_All_Rows_Match_And_Skips_Empty_Ones()
    {
        var source = new RangeOperator(0, 300, 1);
        var sourceBatches = source.Execute(Context).ToList();
        var filtered = new FilterOperator(new InMemorySourceOperator(source.OutputSchema, sourceBatches), IdAbove(149)).Execute(Context).ToList();
        // batch 0 (0..99): no match, skipped; batch 1 (100..199): 50 rows taken; batch 2 (200..299): all match, same instance.
        Assert.Equal(2, filtered.Count);
        Assert.Equal(50, filtered[0].RowCount);
        Assert.Equal(150L, ((PrimitiveVector<long>)filtered[0][0])[0]);
        Assert.Same(sourceBatches[2], filtered[1]);
    }

    [Fact]
    public void Rejects_Non_Boolean_Predicates()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FilterOperator(new RangeOperator(0, 1, 1), new BoundRef(0, ColumnType.Int64, false, "id")));
        Assert.Contains("not boolean", ex.Message);
    }

    [Fact]
    public void Explain_Line() =>
        Assert.Equal("Filter (id@0 > 5)", new FilterOperator(new RangeOperator(0, 1, 1), IdAbove(5)).ToString());

    [Fact]
    public void On_Several_Cores_Results_Keep_The_Input_Order()
    {
        var parallel = new QueryContext(4) { BatchSize = 37 };
        // Keep multiples of 3 above 10, then project id * 2: many small batches, several in flight.
        var filter = new FilterOperator(new RangeOperator(0, 20_000, 1), new LogicalExpr(true,
            new ComparisonExpr(ComparisonOp.Equal, new ArithmeticExpr(ArithmeticOp.Remainder, new BoundRef(0, ColumnType.Int64, false, "id"), Literal.FromObject(3L)), Literal.FromObject(0L)),
            IdAbove(10)));
        var project = new Kindling.Execution.Operators.Project.ProjectOperator(filter,
            [new ArithmeticExpr(ArithmeticOp.Multiply, new BoundRef(0, ColumnType.Int64, false, "id"), Literal.FromObject(2L))],
            new Schema([new Field("twice", ColumnType.Int64, false)]));
        var values = project.Execute(parallel).SelectMany(b => ((PrimitiveVector<long>)b[0]).Values.ToArray()).ToList();
        var expected = Enumerable.Range(11, 20_000 - 11).Where(i => i % 3 == 0).Select(i => 2L * i).ToList();
        Assert.Equal(expected, values);
    }
}
