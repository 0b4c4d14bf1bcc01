using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>
/// Exact decimal sum (or avg when <c>average</c>) in Int128 accumulators. A sum beyond the result
/// precision, or an accumulator overflow, yields null as in Spark's non-ANSI mode. Avg divides with
/// HALF_UP rounding at the result scale.
/// </summary>
internal sealed class SumDecimalState(int column, ColumnType resultType, int inputScale, bool average) : AggregateState
{
    private Int128[] _sums = new Int128[16];
    private long[] _counts = new long[16];
    private byte[] _overflow = new byte[16];

    public override long MemoryBytes => _sums.Length * 25L;

    public override void EnsureCapacity(int groups)
    {
        Grow(ref _sums, groups);
        Grow(ref _counts, groups);
        Grow(ref _overflow, groups);
    }

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        Int128[] sums = _sums;
        long[] counts = _counts;
        ColumnVector v = batch[column];
        byte[]? bits = v.ValidityBits;
        if (v is PrimitiveVector<long> narrow)
        {
            // |value| < 10^18, so 2^127 / 10^18 additions cannot overflow: no check needed.
            ReadOnlySpan<long> values = narrow.Values;
            for (int i = 0; i < rows; i++)
                if (bits is null || Validity.IsValid(bits, i)) { int g = groupIds[i]; sums[g] += values[i]; counts[g]++; }
            return;
        }
        ReadOnlySpan<Int128> wide = ((PrimitiveVector<Int128>)v).Values;
        for (int i = 0; i < rows; i++)
        {
            if (bits is not null && !Validity.IsValid(bits, i)) continue;
            int g = groupIds[i];
            Int128 a = sums[g], b = wide[i], r = a + b;
            if (((a ^ r) & (b ^ r)) < 0) _overflow[g] = 1;
            sums[g] = r;
            counts[g]++;
        }
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (SumDecimalState)other;
        for (int k = 0; k < source.Length; k++)
        {
            int g = source[k];
            int t = target[k];
            Int128 a = _sums[t], b = o._sums[g], r = a + b;
            if (((a ^ r) & (b ^ r)) < 0) _overflow[t] = 1;
            _sums[t] = r;
            _counts[t] += o._counts[g];
            _overflow[t] |= o._overflow[g];
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
        Int128 limit = DecimalValue.Pow10Wide(resultType.Precision);
        var values = new Int128[count];
        byte[]? bits = null;
        int nulls = 0;
        Int128 scaleUp = DecimalValue.Pow10Wide(resultType.Scale - inputScale);
        for (int i = 0; i < count; i++)
        {
            int g = start + i;
            bool valid = _counts[g] > 0 && _overflow[g] == 0;
            Int128 value = _sums[g];
            if (valid && average)
            {
                Int128 scaled = value * scaleUp;
                if (scaleUp != 1 && scaled / scaleUp != value) valid = false;
                else value = DivideHalfUp(scaled, _counts[g]);
            }
            if (valid && (value >= limit || value <= -limit)) valid = false;
            if (valid) { values[i] = value; continue; }
            bits ??= Validity.AllValid(count);
            Validity.SetNull(bits, i);
            nulls++;
        }
        if (!resultType.IsWideDecimal)
        {
            var narrow = new long[count];
            for (int i = 0; i < count; i++) narrow[i] = (long)values[i];
            return new PrimitiveVector<long>(resultType, narrow, count, bits, nulls);
        }
        return new PrimitiveVector<Int128>(resultType, values, count, bits, nulls);
    }

    private static Int128 DivideHalfUp(Int128 dividend, long divisor)
    {
        Int128 q = Int128.DivRem(dividend, divisor).Quotient;
        Int128 r = dividend - q * divisor;
        if (Int128.Abs(r) * 2 >= Math.Abs(divisor)) q += (dividend < 0) ? -1 : 1;
        return q;
    }
}
