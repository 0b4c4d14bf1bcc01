using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>min, max, first, last of strings (plain or dictionary encoded), ordered by UTF-8 bytes.</summary>
internal sealed class StringPickState(int column, ColumnType type, PickMode mode, bool ignoreNulls) : AggregateState
{
    private byte[]?[] _values = new byte[]?[16];
    private byte[] _state = new byte[16];

    private long _valueBytes;

    public override long MemoryBytes => _values.Length * 9L + _valueBytes;

    public override void EnsureCapacity(int groups)
    {
        Grow(ref _values, groups);
        Grow(ref _state, groups);
    }

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        ColumnVector v = batch[column];
        StringVector strings;
        ReadOnlySpan<int> codes = default;
        bool dictionary = false;
        if (v is DictionaryVector d) { strings = (StringVector)d.Dictionary; codes = d.Indices; dictionary = true; }
        else strings = (StringVector)v;
        byte[]? bits = v.ValidityBits;
        for (int i = 0; i < rows; i++)
        {
            int g = groupIds[i];
            bool valid = bits is null || Validity.IsValid(bits, i);
            if (!valid)
            {
                if (!ignoreNulls && ((mode == PickMode.First && _state[g] == 0) || mode == PickMode.Last)) { _state[g] = 2; _values[g] = null; }
                continue;
            }
            ReadOnlySpan<byte> value = strings.GetBytes(dictionary ? codes[i] : i);
            Offer(g, value, 1);
        }
    }

    private void Offer(int g, ReadOnlySpan<byte> value, byte state)
    {
        bool take = mode switch
        {
            PickMode.Min => _state[g] != 1 || value.SequenceCompareTo(_values[g]) < 0,
            PickMode.Max => _state[g] != 1 || value.SequenceCompareTo(_values[g]) > 0,
            PickMode.First => _state[g] == 0,
            _ => true,
        };
        if (!take) return;
        _valueBytes += value.Length - (_values[g]?.Length ?? 0);
        _values[g] = value.ToArray();
        _state[g] = state;
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (StringPickState)other;
        for (int k = 0; k < source.Length; k++)
        {
            int g = source[k];
            if (o._state[g] == 0) continue;
            int t = target[k];
            if (o._state[g] == 2)
            {
                if ((mode == PickMode.First && _state[t] == 0) || mode == PickMode.Last) { _state[t] = 2; _values[t] = null; }
                continue;
            }
            Offer(t, o._values[g], 1);
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
        var b = new StringVectorBuilder(type, count);
        for (int i = 0; i < count; i++)
        {
            if (_state[start + i] == 1) b.Append(_values[start + i]);
            else b.AppendNull();
        }
        return b.Build();
    }
}
