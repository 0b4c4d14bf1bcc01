using Kindling.Execution.Operators.Sort;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Window;

/// <summary>Computes window functions over partitions; output is the child's columns then one per call.</summary>
internal sealed class WindowOperator : PhysicalOperator
{
    public WindowOperator(PhysicalOperator child, int[] partitionColumns, SortKey[] orderKeys, WindowCall[] calls)
        : base(Schema.Empty, child) => throw new NotImplementedException("pending: implemented by the engine-ops branch");

    public override string Name => "Window";

    public static ColumnType ResultType(WindowCall call, ColumnType? input) => throw new NotImplementedException("pending: implemented by the engine-ops branch");

    public override IEnumerable<ColumnBatch> Execute(QueryContext context) => throw new NotImplementedException("pending: implemented by the engine-ops branch");
}
