using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>count(col) (non-null values) or count(*) when the column is -1.</summary>
internal sealed class CountState(int column) : AggregateState
{
    private long[] _counts = new long[16];

    public override long MemoryBytes => _counts.Length * 8L;

    public override void EnsureCapacity(int groups) => Grow(ref _counts, groups);

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        long[] counts = _counts;
        byte[]? bits = column < 0 ? null : batch[column].ValidityBits;
        if (bits is null)
        {
            for (int i = 0; i < rows; i++) counts[groupIds[i]]++;
            return;
        }
        for (int i = 0; i < rows; i++)
            if (Validity.IsValid(bits, i)) counts[groupIds[i]]++;
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        long[] theirs = ((CountState)other)._counts;
        for (int k = 0; k < source.Length; k++) _counts[target[k]] += theirs[source[k]];
    }

    public override ColumnVector Finish(int start, int count) =>
        new PrimitiveVector<long>(ColumnType.Int64, _counts.AsSpan(start, count).ToArray(), count);
}
