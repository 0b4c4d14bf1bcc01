using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>sum/avg/stddev/... of a column of the null type: null for every group (Spark's result for no values).</summary>
internal sealed class AllNullState(ColumnType resultType) : AggregateState
{
    public override long MemoryBytes => 0;

    public override void EnsureCapacity(int groups)
    {
    }

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
    }

    public override ColumnVector Finish(int start, int count) => VectorFromObjects.Build(resultType, new object?[count]);
}
