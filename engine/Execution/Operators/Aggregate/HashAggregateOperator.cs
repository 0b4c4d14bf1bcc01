using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

/// <summary>Groups by key columns and computes aggregates; output is the group columns then the aggregates.</summary>
internal sealed class HashAggregateOperator : PhysicalOperator
{
    public HashAggregateOperator(PhysicalOperator child, int[] groupColumns, AggregateCall[] aggregates)
        : base(Schema.Empty, child) => throw new NotImplementedException("pending: implemented by the engine-ops branch");

    public override string Name => "HashAggregate";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) => throw new NotImplementedException("pending: implemented by the engine-ops branch");
}
