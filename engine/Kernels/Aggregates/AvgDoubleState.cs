using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>avg of int/bigint/float/double as double (Spark sums in double); null for groups without values.</summary>
internal sealed class AvgDoubleState(int column) : AggregateState
{
    private double[] _sums = new double[16];
    private long[] _counts = new long[16];
    private double[] _buffer = [];

    public override long MemoryBytes => _sums.Length * 16L;

    public override void EnsureCapacity(int groups)
    {
        Grow(ref _sums, groups);
        Grow(ref _counts, groups);
    }

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        double[] sums = _sums;
        long[] counts = _counts;
        ColumnVector v = batch[column];
        byte[]? bits = v.ValidityBits;
        if (v is PrimitiveVector<int> ints && bits is null)
        {
            ReadOnlySpan<int> values = ints.Values;
            for (int i = 0; i < rows; i++) { int g = groupIds[i]; sums[g] += values[i]; counts[g]++; }
            return;
        }
        ReadOnlySpan<double> d;
        if (v is PrimitiveVector<double> doubles) d = doubles.Values;
        else
        {
            if (_buffer.Length < rows) _buffer = new double[rows];
            NumericInput.ToDoubles(v, rows, _buffer);
            d = _buffer;
        }
        if (bits is null)
            for (int i = 0; i < rows; i++) { int g = groupIds[i]; sums[g] += d[i]; counts[g]++; }
        else
            for (int i = 0; i < rows; i++)
                if (Validity.IsValid(bits, i)) { int g = groupIds[i]; sums[g] += d[i]; counts[g]++; }
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (AvgDoubleState)other;
        for (int k = 0; k < source.Length; k++)
        {
            int g = source[k];
            int t = target[k];
            _sums[t] += o._sums[g];
            _counts[t] += o._counts[g];
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = _counts[start + i] == 0 ? 0 : _sums[start + i] / _counts[start + i];
        byte[]? bits = NullsWhereZero(_counts, start, count, out int nulls);
        return new PrimitiveVector<double>(ColumnType.Float64, values, count, bits, nulls);
    }
}
