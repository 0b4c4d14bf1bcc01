using System.Runtime.CompilerServices;
using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>min, max, first, last of fixed-width values (result type = input type). Floats order NaN greatest.</summary>
internal sealed class PickState<T>(int column, ColumnType type, PickMode mode, bool ignoreNulls) : AggregateState where T : unmanaged
{
    private T[] _values = new T[16];
    private byte[] _state = new byte[16]; // 0 = nothing yet, 1 = value, 2 = null (first/last keeping nulls)

    public override long MemoryBytes => _values.Length * (Unsafe.SizeOf<T>() + 1L);

    public override void EnsureCapacity(int groups)
    {
        Grow(ref _values, groups);
        Grow(ref _state, groups);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compare(T a, T b)
    {
        if (typeof(T) == typeof(double)) return DoubleOrder.Compare(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b));
        if (typeof(T) == typeof(float)) return DoubleOrder.Compare(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b));
        return Comparer<T>.Default.Compare(a, b);
    }

    public override void Update(ColumnBatch batch, ReadOnlySpan<int> groupIds, int rows)
    {
        var v = (PrimitiveVector<T>)batch[column];
        ReadOnlySpan<T> values = v.Values;
        byte[]? bits = v.ValidityBits;
        T[] best = _values;
        byte[] state = _state;
        switch (mode)
        {
            case PickMode.Min:
                for (int i = 0; i < rows; i++)
                {
                    if (bits is not null && !Validity.IsValid(bits, i)) continue;
                    int g = groupIds[i];
                    if (state[g] == 0 || Compare(values[i], best[g]) < 0) { best[g] = values[i]; state[g] = 1; }
                }
                break;
            case PickMode.Max:
                for (int i = 0; i < rows; i++)
                {
                    if (bits is not null && !Validity.IsValid(bits, i)) continue;
                    int g = groupIds[i];
                    if (state[g] == 0 || Compare(values[i], best[g]) > 0) { best[g] = values[i]; state[g] = 1; }
                }
                break;
            case PickMode.First:
                for (int i = 0; i < rows; i++)
                {
                    int g = groupIds[i];
                    if (state[g] != 0) continue;
                    bool valid = bits is null || Validity.IsValid(bits, i);
                    if (valid) { best[g] = values[i]; state[g] = 1; }
                    else if (!ignoreNulls) state[g] = 2;
                }
                break;
            case PickMode.Last:
                for (int i = 0; i < rows; i++)
                {
                    int g = groupIds[i];
                    bool valid = bits is null || Validity.IsValid(bits, i);
                    if (valid) { best[g] = values[i]; state[g] = 1; }
                    else if (!ignoreNulls) state[g] = 2;
                }
                break;
        }
    }

    public override void Merge(AggregateState other, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
    {
        var o = (PickState<T>)other;
        for (int k = 0; k < source.Length; k++)
        {
            int g = source[k];
            byte s = o._state[g];
            if (s == 0) continue;
            int t = target[k];
            bool take = mode switch
            {
                PickMode.Min => _state[t] != 1 || (s == 1 && Compare(o._values[g], _values[t]) < 0),
                PickMode.Max => _state[t] != 1 || (s == 1 && Compare(o._values[g], _values[t]) > 0),
                PickMode.First => _state[t] == 0,
                _ => true,
            };
            if (!take) continue;
            _values[t] = o._values[g];
            _state[t] = s;
        }
    }

    public override ColumnVector Finish(int start, int count)
    {
        byte[]? bits = null;
        int nulls = 0;
        for (int i = 0; i < count; i++)
        {
            if (_state[start + i] == 1) continue;
            bits ??= Validity.AllValid(count);
            Validity.SetNull(bits, i);
            nulls++;
        }
        return new PrimitiveVector<T>(type, _values.AsSpan(start, count).ToArray(), count, bits, nulls);
    }
}
