using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>sum of float/double as double; null for groups without values.</summary>
internal sealed class SumDoubleState(int column) : AggregateState
{
    private double[] _sums = new double[16];
    private byte[] _seen = new byte[16];

    public override long MemoryBytes => _sums.Length * 9L;

    public override void EnsureCapacity(int groups)
    {
        Grow(ref _sums, groups);
        Grow(ref _seen, groups);
    }

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        double[] sums = _sums;
        byte[] seen = _seen;
        ColumnVector v = batch[column];
        byte[]? bits = v.ValidityBits;
        if (v is PrimitiveVector<double> doubles)
        {
            ReadOnlySpan<double> values = doubles.Values;
            if (bits is null)
                for (int i = 0; i < rows; i++) { int g = groupIds[i]; sums[g] += values[i]; seen[g] = 1; }
            else
                for (int i = 0; i < rows; i++)
                    if (Validity.IsValid(bits, i)) { int g = groupIds[i]; sums[g] += values[i]; seen[g] = 1; }
        }
        else
        {
            ReadOnlySpan<float> values = ((PrimitiveVector<float>)v).Values;
            for (int i = 0; i < rows; i++)
                if (bits is null || Validity.IsValid(bits, i)) { int g = groupIds[i]; sums[g] += values[i]; seen[g] = 1; }
        }
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (SumDoubleState)other;
        for (int k = 0; k < source.Length; k++)
        {
            int g = source[k];
            if (o._seen[g] == 0) continue;
            int t = target[k];
            _sums[t] += o._sums[g];
            _seen[t] = 1;
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
        byte[]? bits = NullsWhereZero(_seen, start, count, out int nulls);
        return new PrimitiveVector<double>(ColumnType.Float64, _sums.AsSpan(start, count).ToArray(), count, bits, nulls);
    }
}
