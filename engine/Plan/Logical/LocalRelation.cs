using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Plan.Logical;

/// <summary>Rows held in memory (CreateDataFrame).</summary>
internal sealed class LocalRelation(IReadOnlyList<AttributeRef> output, IReadOnlyList<ColumnBatch> batches) : LeafPlan
{
    public override IReadOnlyList<AttributeRef> Output { get; } = output;

    public IReadOnlyList<ColumnBatch> Batches { get; } = batches;

    public override long? EstimatedRows => Batches.Sum(b => (long)b.RowCount);

    public override string NodeString => $"LocalRelation {List(Output)}, {EstimatedRows} rows";
}
