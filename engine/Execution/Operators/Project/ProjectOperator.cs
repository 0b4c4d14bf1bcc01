using Kindling.Execution.Evaluation;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Project;

/// <summary>Computes one output column per bound expression on all cores, in order; plain column references pass vectors through.</summary>
internal sealed class ProjectOperator(PhysicalOperator child, IReadOnlyList<Expr> expressions, Schema outputSchema)
    : PhysicalOperator(outputSchema, child)
{
    public IReadOnlyList<Expr> Expressions { get; } = expressions;

    public override string Name => "Project";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) =>
        BatchPipeline.Map(Children[0].Execute(context), ProjectBatch, context);

    private ColumnBatch ProjectBatch(ColumnBatch batch)
    {
        var columns = new ColumnVector[Expressions.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            var v = ExpressionEvaluator.Evaluate(Expressions[i], batch);
            if (v.Type != OutputSchema[i].Type)
                throw new InvalidOperationException($"internal error: {Expressions[i]} produced {v.Type}, planned {OutputSchema[i].Type}");
            columns[i] = v;
        }
        return new ColumnBatch(OutputSchema, columns, batch.RowCount);
    }

    public override string ToString() => "Project [" + string.Join(", ", Expressions.Select((e, i) => e is BoundRef b && b.Name == OutputSchema[i].Name ? e.ToString() : $"{e} AS {OutputSchema[i].Name}")) + "]";
}
