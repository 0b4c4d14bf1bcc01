using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>
/// var_samp, var_pop, stddev_samp, stddev_pop with Spark's CentralMomentAgg updates (n, mean, M2;
/// Chan's formula to merge). Null for no values, and for one value with the sample variants.
/// </summary>
internal sealed class MomentsState(int column, bool sample, bool sqrt) : AggregateState
{
    private double[] _n = new double[16];
    private double[] _mean = new double[16];
    private double[] _m2 = new double[16];
    private double[] _buffer = [];

    public override long MemoryBytes => _n.Length * 24L;

    public override void EnsureCapacity(int groups)
    {
        Grow(ref _n, groups);
        Grow(ref _mean, groups);
        Grow(ref _m2, groups);
    }

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        ColumnVector v = batch[column];
        if (_buffer.Length < rows) _buffer = new double[rows];
        NumericInput.ToDoubles(v, rows, _buffer);
        double[] n = _n, mean = _mean, m2 = _m2, x = _buffer;
        byte[]? bits = v.ValidityBits;
        for (int i = 0; i < rows; i++)
        {
            if (bits is not null && !Validity.IsValid(bits, i)) continue;
            int g = groupIds[i];
            double newN = n[g] + 1, delta = x[i] - mean[g];
            double newMean = mean[g] + delta / newN;
            m2[g] += delta * (x[i] - newMean);
            mean[g] = newMean;
            n[g] = newN;
        }
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (MomentsState)other;
        for (int k = 0; k < source.Length; k++)
        {
            int g = source[k];
            double n2 = o._n[g];
            if (n2 == 0) continue;
            int t = target[k];
            double n1 = _n[t], n = n1 + n2, delta = o._mean[g] - _mean[t];
            _mean[t] += delta * n2 / n;
            _m2[t] += o._m2[g] + delta * delta * n1 * n2 / n;
            _n[t] = n;
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
        var values = new double[count];
        byte[]? bits = null;
        int nulls = 0;
        for (int i = 0; i < count; i++)
        {
            double n = _n[start + i];
            if (n == 0 || (sample && n == 1))
            {
                bits ??= Validity.AllValid(count);
                Validity.SetNull(bits, i);
                nulls++;
                continue;
            }
            double variance = _m2[start + i] / (sample ? n - 1 : n);
            values[i] = sqrt ? Math.Sqrt(variance) : variance;
        }
        return new PrimitiveVector<double>(ColumnType.Float64, values, count, bits, nulls);
    }
}
