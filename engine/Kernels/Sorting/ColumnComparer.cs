using System.Runtime.CompilerServices;
using Kindling.Kernels.Aggregates;
using Kindling.Vectors;

namespace Kindling.Kernels.Sorting;

/// <summary>
/// Compares two rows of one vector with Spark's ordering: a direction, nulls first or last, strings by
/// UTF-8 bytes (code point order), NaN greatest and -0.0 equal to 0.0. Typed per vector class, so a
/// row comparison is one virtual call per key.
/// </summary>
internal abstract class ColumnComparer
{
    public abstract int Compare(int i, int j);

    public static ColumnComparer Create(ColumnVector vector, bool ascending, bool nullsFirst) => vector switch
    {
        PrimitiveVector<byte> v => new Primitive<byte>(v, ascending, nullsFirst),
        PrimitiveVector<int> v => new Primitive<int>(v, ascending, nullsFirst),
        PrimitiveVector<long> v => new Primitive<long>(v, ascending, nullsFirst),
        PrimitiveVector<float> v => new Primitive<float>(v, ascending, nullsFirst),
        PrimitiveVector<double> v => new Primitive<double>(v, ascending, nullsFirst),
        PrimitiveVector<Int128> v => new Primitive<Int128>(v, ascending, nullsFirst),
        StringVector v => new Strings(v, ascending, nullsFirst),
        DictionaryVector v => Create(Selection.VectorConcat.Decode(v), ascending, nullsFirst),
        _ => throw new NotSupportedException($"ordering {vector.Type} ({vector.GetType().Name}) is not supported"),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CompareValues<T>(T a, T b) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return DoubleOrder.Compare(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b));
        if (typeof(T) == typeof(float)) return DoubleOrder.Compare(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b));
        return Comparer<T>.Default.Compare(a, b);
    }

    /// <summary>Compares row <paramref name="i"/> of <paramref name="a"/> with row <paramref name="j"/> of <paramref name="b"/> (same type); for merges across batches.</summary>
    public static int CompareAcross(ColumnVector a, int i, ColumnVector b, int j, bool ascending, bool nullsFirst)
    {
        bool an = a.IsNull(i), bn = b.IsNull(j);
        if (an || bn) return an == bn ? 0 : an == nullsFirst ? -1 : 1;
        int c = (a, b) switch
        {
            (PrimitiveVector<byte> x, PrimitiveVector<byte> y) => CompareValues(x[i], y[j]),
            (PrimitiveVector<int> x, PrimitiveVector<int> y) => CompareValues(x[i], y[j]),
            (PrimitiveVector<long> x, PrimitiveVector<long> y) => CompareValues(x[i], y[j]),
            (PrimitiveVector<float> x, PrimitiveVector<float> y) => CompareValues(x[i], y[j]),
            (PrimitiveVector<double> x, PrimitiveVector<double> y) => CompareValues(x[i], y[j]),
            (PrimitiveVector<Int128> x, PrimitiveVector<Int128> y) => CompareValues(x[i], y[j]),
            (StringVector x, StringVector y) => x.GetBytes(i).SequenceCompareTo(y.GetBytes(j)),
            _ => throw new NotSupportedException($"ordering {a.GetType().Name} against {b.GetType().Name} is not supported"),
        };
        return ascending ? c : -c;
    }

    private sealed class Primitive<T>(PrimitiveVector<T> vector, bool ascending, bool nullsFirst) : ColumnComparer where T : unmanaged
    {
        private readonly T[] _values = vector.RawValues;
        private readonly byte[]? _bits = vector.ValidityBits;

        public override int Compare(int i, int j)
        {
            if (_bits is not null)
            {
                bool an = !Validity.IsValid(_bits, i), bn = !Validity.IsValid(_bits, j);
                if (an || bn) return an == bn ? 0 : an == nullsFirst ? -1 : 1;
            }
            int c = CompareValues(_values[i], _values[j]);
            return ascending ? c : -c;
        }
    }

    private sealed class Strings(StringVector vector, bool ascending, bool nullsFirst) : ColumnComparer
    {
        private readonly int[] _offsets = vector.RawOffsets;
        private readonly byte[] _bytes = vector.RawBytes;
        private readonly byte[]? _bits = vector.ValidityBits;

        public override int Compare(int i, int j)
        {
            if (_bits is not null)
            {
                bool an = !Validity.IsValid(_bits, i), bn = !Validity.IsValid(_bits, j);
                if (an || bn) return an == bn ? 0 : an == nullsFirst ? -1 : 1;
            }
            var a = new ReadOnlySpan<byte>(_bytes, _offsets[i], _offsets[i + 1] - _offsets[i]);
            var b = new ReadOnlySpan<byte>(_bytes, _offsets[j], _offsets[j + 1] - _offsets[j]);
            int c = a.SequenceCompareTo(b);
            return ascending ? c : -c;
        }
    }
}
