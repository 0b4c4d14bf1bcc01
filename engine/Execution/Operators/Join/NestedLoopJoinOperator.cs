using Kindling.Vectors;

namespace Kindling.Execution.Operators.Join;

/// <summary>Cross join: every left row with every right row.</summary>
internal sealed class NestedLoopJoinOperator : PhysicalOperator
{
    public NestedLoopJoinOperator(PhysicalOperator left, PhysicalOperator right)
        : base(Schema.Empty, left, right) => throw new NotImplementedException("pending: implemented by the engine-ops branch");

    public override string Name => "NestedLoopJoin";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) => throw new NotImplementedException("pending: implemented by the engine-ops branch");
}
