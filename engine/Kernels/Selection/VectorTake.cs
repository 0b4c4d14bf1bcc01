using System.Runtime.CompilerServices;
using Kindling.Kernels.Hashing;
using Kindling.Vectors;

namespace Kindling.Kernels.Selection;

/// <summary>
/// Gathers rows of a vector by index into a new vector (Arrow's "take"). An index of -1 yields a null,
/// which outer joins use for their unmatched side. Dictionary vectors stay dictionary encoded.
/// </summary>
internal static class VectorTake
{
    public static ColumnVector Take(ColumnVector vector, ReadOnlySpan<int> indices) => IsEveryRowInOrder(indices, vector.Length) ? vector : vector switch
    {
        PrimitiveVector<byte> v => TakePrimitive(v, indices),
        PrimitiveVector<int> v => TakePrimitive(v, indices),
        PrimitiveVector<long> v => TakePrimitive(v, indices),
        PrimitiveVector<float> v => TakePrimitive(v, indices),
        PrimitiveVector<double> v => TakePrimitive(v, indices),
        PrimitiveVector<Int128> v => TakePrimitive(v, indices),
        StringVector v => TakeString(v, indices),
        DictionaryVector v => TakeDictionary(v, indices),
        ListVector v => TakeList(v, indices),
        _ => throw new NotSupportedException($"take is not implemented for {vector.GetType().Name}"),
    };

    /// <summary>Every row once and in order (a join probe matched one to one, a whole sorted run): vectors are immutable, so the
    /// vector itself is the result. Any other take stops at its first row out of place.</summary>
    private static bool IsEveryRowInOrder(ReadOnlySpan<int> rows, int rowCount)
    {
        if (rows.Length != rowCount) return false;
        for (int i = 0; i < rows.Length; i++)
            if (rows[i] != i) return false;
        return true;
    }

    private static PrimitiveVector<T> TakePrimitive<T>(PrimitiveVector<T> source, ReadOnlySpan<int> indices) where T : unmanaged
    {
        var values = new T[indices.Length];
        var (bits, nulls) = Gather<T>(source.RawValues, source.ValidityBits, indices, values);
        return new PrimitiveVector<T>(source.Type, values, indices.Length, bits, nulls);
    }

    /// <summary>Sources up to this size stay in a core's cache, so gathers from them need no prefetch.</summary>
    private const int CacheResidentBytes = 1 << 20;

    /// <summary>Copies <c>source[indices[i]]</c> to <c>target[i]</c>; rows that are -1 or null become nulls in the returned bitmap.</summary>
    private static (byte[]? Bits, int Nulls) Gather<T>(ReadOnlySpan<T> source, byte[]? sourceBits, ReadOnlySpan<int> indices, Span<T> target)
    {
        byte[]? bits = null;
        int nulls = 0;
        // Random rows of a source past the cache miss on every read: hint the row some indices ahead.
        int prefetchUntil = (long)source.Length * Unsafe.SizeOf<T>() > CacheResidentBytes ? indices.Length - CacheHint.Distance : 0;
        for (int i = 0; i < indices.Length; i++)
        {
            if (i < prefetchUntil && indices[i + CacheHint.Distance] >= 0)
                CacheHint.Prefetch(ref Unsafe.AsRef(in source[indices[i + CacheHint.Distance]]));
            int row = indices[i];
            if (row < 0 || (sourceBits is not null && !Validity.IsValid(sourceBits, row)))
            {
                bits ??= Validity.AllValid(indices.Length);
                Validity.SetNull(bits, i);
                nulls++;
                continue;
            }
            target[i] = source[row];
        }
        return (bits, nulls);
    }

    private static StringVector TakeString(StringVector source, ReadOnlySpan<int> indices)
    {
        var (offsets, bits, nulls) = TakeOffsets(source.RawOffsets, source.ValidityBits, indices, "bytes of strings");
        var bytes = new byte[offsets[indices.Length]];
        ReadOnlySpan<int> srcOffsets = source.RawOffsets;
        ReadOnlySpan<byte> srcBytes = source.RawBytes;
        for (int i = 0; i < indices.Length; i++)
        {
            int length = offsets[i + 1] - offsets[i];
            if (length > 0) srcBytes.Slice(srcOffsets[indices[i]], length).CopyTo(bytes.AsSpan(offsets[i]));
        }
        return new StringVector(source.Type, offsets, bytes, indices.Length, bits, nulls);
    }

    /// <summary>Gathers whole arrays: new offsets, then one take of the child over the chosen elements.</summary>
    private static ListVector TakeList(ListVector source, ReadOnlySpan<int> indices)
    {
        var (offsets, bits, nulls) = TakeOffsets(source.RawOffsets, source.ValidityBits, indices, "array elements");
        var elementRows = new int[offsets[indices.Length]];
        ReadOnlySpan<int> srcOffsets = source.RawOffsets;
        for (int i = 0; i < indices.Length; i++)
        {
            int count = offsets[i + 1] - offsets[i];
            if (count == 0) continue; // null, -1 or empty: nothing to gather
            int start = srcOffsets[indices[i]];
            for (int e = 0; e < count; e++) elementRows[offsets[i] + e] = start + e;
        }
        return new ListVector(source.Type, offsets, Take(source.Elements, elementRows), indices.Length, bits, nulls);
    }

    /// <summary>
    /// The offsets and validity of taking rows of an offsets-based vector (strings, arrays): rows that are -1 or
    /// null become nulls with empty ranges.
    /// </summary>
    private static (int[] Offsets, byte[]? Bits, int Nulls) TakeOffsets(ReadOnlySpan<int> srcOffsets, byte[]? srcBits, ReadOnlySpan<int> indices, string what)
    {
        long total = 0;
        foreach (int row in indices)
            if (row >= 0) total += srcOffsets[row + 1] - srcOffsets[row];
        if (total > Array.MaxLength)
            throw new InvalidOperationException($"a batch would exceed {Array.MaxLength} {what}; use smaller batches");

        var offsets = new int[indices.Length + 1];
        byte[]? bits = null;
        int nulls = 0, position = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            int row = indices[i];
            if (row < 0 || (srcBits is not null && !Validity.IsValid(srcBits, row)))
            {
                bits ??= Validity.AllValid(indices.Length);
                Validity.SetNull(bits, i);
                nulls++;
            }
            else
            {
                position += srcOffsets[row + 1] - srcOffsets[row];
            }
            offsets[i + 1] = position;
        }
        return (offsets, bits, nulls);
    }

    private static DictionaryVector TakeDictionary(DictionaryVector source, ReadOnlySpan<int> indices)
    {
        var codes = new int[indices.Length];
        var (bits, nulls) = Gather<int>(source.RawIndices, source.ValidityBits, indices, codes);
        return new DictionaryVector(source.Dictionary, codes, indices.Length, bits, nulls);
    }
}
