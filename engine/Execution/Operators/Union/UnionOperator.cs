using Kindling.Vectors;

namespace Kindling.Execution.Operators.Union;

/// <summary>UNION ALL: the children's batches one child after another, relabelled with the union's schema.</summary>
internal sealed class UnionOperator : PhysicalOperator
{
    public UnionOperator(IReadOnlyList<PhysicalOperator> children, Schema outputSchema) : base(outputSchema, [.. children])
    {
        foreach (var c in children)
        {
            if (c.OutputSchema.Count != outputSchema.Count)
                throw new ArgumentException($"union child has {c.OutputSchema.Count} columns, expected {outputSchema.Count}");
            for (int i = 0; i < outputSchema.Count; i++)
                if (c.OutputSchema[i].Type != outputSchema[i].Type)
                    throw new ArgumentException($"union column {i} is {c.OutputSchema[i].Type} in a child but {outputSchema[i].Type} in the output");
        }
    }

    public override string Name => "Union";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        foreach (var child in Children)
            foreach (var batch in child.Execute(context))
                yield return new ColumnBatch(OutputSchema, batch.Columns, batch.RowCount);
    }
}
