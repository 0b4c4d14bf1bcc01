using Kindling.Vectors;

namespace Kindling.Execution.Operators.Sort;

/// <summary>Stable multi-key sort, top-N with a limit, spilling sorted runs when over the memory limit.</summary>
internal sealed class SortOperator : PhysicalOperator
{
    public SortOperator(PhysicalOperator child, SortKey[] keys, long? limit = null)
        : base(child.OutputSchema, child) => throw new NotImplementedException("pending: implemented by the engine-ops branch");

    public override string Name => "Sort";

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) => throw new NotImplementedException("pending: implemented by the engine-ops branch");
}
