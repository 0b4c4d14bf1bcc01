using Kindling.Vectors;

namespace Kindling.Execution.Operators.Join;

/// <summary>Equi-join on key columns; output is the left columns then the right (semi/anti: left only).</summary>
internal sealed class HashJoinOperator : PhysicalOperator
{
    public HashJoinOperator(PhysicalOperator left, PhysicalOperator right, int[] leftKeys, int[] rightKeys, JoinType joinType)
        : base(Schema.Empty, left, right) => throw new NotImplementedException("pending: implemented by the engine-ops branch");

    public override string Name => "HashJoin";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) => throw new NotImplementedException("pending: implemented by the engine-ops branch");
}
