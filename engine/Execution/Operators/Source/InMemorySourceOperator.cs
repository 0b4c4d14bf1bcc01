using Kindling.Vectors;

namespace Kindling.Execution.Operators.Source;

/// <summary>Produces batches held in memory (CreateDataFrame, Range results, tests).</summary>
internal sealed class InMemorySourceOperator : PhysicalOperator
{
    private readonly IReadOnlyList<ColumnBatch> _batches;

    public InMemorySourceOperator(Schema schema, IReadOnlyList<ColumnBatch> batches) : base(schema)
    {
        foreach (var batch in batches)
            if (batch.Schema.Count != schema.Count)
                throw new ArgumentException($"batch with {batch.Schema.Count} columns does not match schema {schema}");
        _batches = batches;
    }

    public override string Name => "InMemorySource";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) => _batches;

    public override string ToString() => $"InMemorySource [{_batches.Count} batches, {OutputSchema.Count} columns]";
}
