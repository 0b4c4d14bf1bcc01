using Kindling.Vectors;

namespace Kindling.Execution.Operators.Source;

/// <summary>Produces batches held in memory (CreateDataFrame, Range results, tests).</summary>
internal sealed class InMemorySourceOperator : PhysicalOperator
{
    private readonly Func<IReadOnlyList<ColumnBatch>> _batches;
    private readonly Func<bool> _ready;
    private readonly bool _checked;

    public InMemorySourceOperator(Schema schema, IReadOnlyList<ColumnBatch> batches) : this(schema, () => batches, () => true)
    {
        Check(schema, batches);
        _checked = true;
    }

    /// <summary>Batches computed when the operator first runs (persisted rows), not when it is planned or explained.</summary>
    public InMemorySourceOperator(Schema schema, Func<IReadOnlyList<ColumnBatch>> batches, Func<bool> ready) : base(schema)
    {
        _batches = batches;
        _ready = ready;
    }

    private static void Check(Schema schema, IReadOnlyList<ColumnBatch> batches)
    {
        foreach (var batch in batches)
            if (batch.Schema.Count != schema.Count)
                throw new ArgumentException($"batch with {batch.Schema.Count} columns does not match schema {schema}");
    }

    public override string Name => "InMemorySource";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        var batches = _batches();
        if (!_checked) Check(OutputSchema, batches); // given batches were checked when the operator was made
        return batches;
    }

    public override string ToString() => _ready()
        ? $"InMemorySource [{_batches().Count} batches, {OutputSchema.Count} columns]"
        : $"InMemorySource [not computed yet, {OutputSchema.Count} columns]";
}
