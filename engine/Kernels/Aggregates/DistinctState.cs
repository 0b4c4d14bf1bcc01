using Kindling.Kernels.Hashing;
using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>count(DISTINCT col) and sum(DISTINCT col): a set of (group, value) pairs, resolved at the end.</summary>
internal sealed class DistinctState(int column, ColumnType resultType, bool sum) : AggregateState
{
    private readonly HashSet<(int Group, Int128 Value)> _values = [];
    private readonly HashSet<(int Group, string Value)> _strings = [];
    private int _groupCount;
    private ColumnVector? _result;

    public override long MemoryBytes => (_values.Count + _strings.Count) * 48L;

    public override void EnsureCapacity(int groups) => _groupCount = Math.Max(_groupCount, groups);

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        ColumnVector v = batch[column];
        for (int i = 0; i < rows; i++)
        {
            if (v.IsNull(i)) continue;
            int g = groupIds[i];
            switch (v)
            {
                case PrimitiveVector<int> p: _values.Add((g, p[i])); break;
                case PrimitiveVector<long> p: _values.Add((g, p[i])); break;
                case PrimitiveVector<Int128> p: _values.Add((g, p[i])); break;
                case PrimitiveVector<byte> p: _values.Add((g, p[i])); break;
                case PrimitiveVector<double> p: _values.Add((g, GroupKeyEncoder.NormalizeDouble(p[i]))); break;
                case PrimitiveVector<float> p: _values.Add((g, GroupKeyEncoder.NormalizeDouble(p[i]))); break;
                default: _strings.Add((g, (string)v.GetObject(i)!)); break;
            }
        }
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (DistinctState)other;
        int[] map = GroupMap(o._groupCount, source, target);
        foreach (var (g, value) in o._values) if (map[g] >= 0) _values.Add((map[g], value));
        foreach (var (g, value) in o._strings) if (map[g] >= 0) _strings.Add((map[g], value));
    }

    public override ColumnVector Finish(int start, int count)
    {
        _result ??= Compute();
        var indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = start + i;
        return Kernels.Selection.VectorTake.Take(_result, indices);
    }

    private ColumnVector Compute()
    {
        int groups = _groupCount;
        var counts = new long[groups];
        foreach (var (g, _) in _values) counts[g]++;
        foreach (var (g, _) in _strings) counts[g]++;
        if (!sum) return new PrimitiveVector<long>(ColumnType.Int64, counts, groups);
        byte[]? bits = null;
        int nulls = 0;
        for (int g = 0; g < groups; g++)
        {
            if (counts[g] != 0) continue;
            bits ??= Validity.AllValid(groups);
            Validity.SetNull(bits, g);
            nulls++;
        }
        switch (resultType.Kind)
        {
            case TypeKind.Float64:
            {
                var sums = new double[groups];
                foreach (var (g, value) in _values)
                    sums[g] += BitConverter.Int64BitsToDouble((long)value);
                return new PrimitiveVector<double>(resultType, sums, groups, bits, nulls);
            }
            case TypeKind.Decimal:
            {
                var sums = new Int128[groups];
                foreach (var (g, value) in _values) sums[g] += value;
                Int128 limit = DecimalValue.Pow10Wide(resultType.Precision);
                for (int g = 0; g < groups; g++)
                {
                    if (counts[g] == 0 || (sums[g] < limit && sums[g] > -limit)) continue;
                    bits ??= Validity.AllValid(groups);
                    Validity.SetNull(bits, g);
                    nulls++;
                }
                if (resultType.IsWideDecimal) return new PrimitiveVector<Int128>(resultType, sums, groups, bits, nulls);
                var narrow = new long[groups];
                for (int g = 0; g < groups; g++) narrow[g] = (long)sums[g];
                return new PrimitiveVector<long>(resultType, narrow, groups, bits, nulls);
            }
            default:
            {
                var sums = new long[groups];
                foreach (var (g, value) in _values) sums[g] = unchecked(sums[g] + (long)value);
                return new PrimitiveVector<long>(resultType, sums, groups, bits, nulls);
            }
        }
    }
}
