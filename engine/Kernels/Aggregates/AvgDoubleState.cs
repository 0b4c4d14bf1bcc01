using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>avg of int/bigint/float/double as double (Spark sums in double); null for groups without values.</summary>
internal sealed class AvgDoubleState(int column) : AggregateState
{
    /// <summary>A group's running sum and count, side by side so that an update touches one cache line.</summary>
    private struct SumAndCount
    {
        public double Sum;
        public long Count;
    }

    private SumAndCount[] _groups = new SumAndCount[16];
    private double[] _buffer = [];

    public override long MemoryBytes => _groups.Length * 16L;

    public override void EnsureCapacity(int groups) => Grow(ref _groups, groups);

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        SumAndCount[] entries = _groups;
        ColumnVector v = batch[column];
        byte[]? bits = v.ValidityBits;
        if (v is PrimitiveVector<int> ints && bits is null)
        {
            ReadOnlySpan<int> values = ints.Values;
            for (int i = 0; i < rows; i++) { ref SumAndCount e = ref entries[groupIds[i]]; e.Sum += values[i]; e.Count++; }
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
            for (int i = 0; i < rows; i++) { ref SumAndCount e = ref entries[groupIds[i]]; e.Sum += d[i]; e.Count++; }
        else
            for (int i = 0; i < rows; i++)
                if (Validity.IsValid(bits, i)) { ref SumAndCount e = ref entries[groupIds[i]]; e.Sum += d[i]; e.Count++; }
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (AvgDoubleState)other;
        for (int k = 0; k < source.Length; k++)
        {
            ref SumAndCount from = ref o._groups[source[k]];
            ref SumAndCount to = ref _groups[target[k]];
            to.Sum += from.Sum;
            to.Count += from.Count;
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
        var values = new double[count];
        byte[]? bits = null;
        int nulls = 0;
        for (int i = 0; i < count; i++)
        {
            SumAndCount e = _groups[start + i];
            if (e.Count != 0) { values[i] = e.Sum / e.Count; continue; }
            bits ??= Validity.AllValid(count);
            Validity.SetNull(bits, i);
            nulls++;
        }
        return new PrimitiveVector<double>(ColumnType.Float64, values, count, bits, nulls);
    }
}
