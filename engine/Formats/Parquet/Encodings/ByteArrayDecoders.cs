using System.Buffers;

namespace Kindling.Formats.Parquet.Encodings;

/// <summary>Decoders of the byte-array encodings into an offsets + bytes pair.</summary>
internal static class ByteArrayDecoders
{
    /// <summary>PLAIN: each value a 4-byte little-endian length and its bytes.</summary>
    public static int Plain(ReadOnlySpan<byte> src, int count, DenseByteArrays output)
    {
        int pos = 0;
        for (int i = 0; i < count; i++)
        {
            if (pos + 4 > src.Length) ParquetThrow.Corrupt($"PLAIN byte array {i} of {count} past the end of the page");
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(src[pos..]);
            pos += 4;
            if (length < 0 || length > src.Length - pos) ParquetThrow.Corrupt($"PLAIN byte array length {length} exceeds the page");
            output.Add(src.Slice(pos, length));
            pos += length;
        }
        return pos;
    }

    /// <summary>FIXED_LEN_BYTE_ARRAY PLAIN: <paramref name="width"/> bytes each.</summary>
    public static int Fixed(ReadOnlySpan<byte> src, int count, int width, DenseByteArrays output)
    {
        if ((long)count * width > src.Length) ParquetThrow.Corrupt($"{count} fixed-length values of {width} bytes exceed the page");
        for (int i = 0; i < count; i++) output.Add(src.Slice(i * width, width));
        return count * width;
    }

    /// <summary>
    /// The most bytes one page's DELTA_BYTE_ARRAY values may decode to. Shared prefixes let a few bytes stand for
    /// many: without a bound, a small page of long prefixes could expand past memory (or the int offsets).
    /// </summary>
    public const int MaxDecodedBytes = 256 << 20;

    /// <summary>DELTA_LENGTH_BYTE_ARRAY: the lengths (DELTA_BINARY_PACKED), then all the bytes.</summary>
    public static int DeltaLength(ReadOnlySpan<byte> src, int count, DenseByteArrays output)
    {
        // The lengths' stream must hold exactly count values before a buffer is sized by count.
        DeltaBinaryPacked.Measure(src, count);
        var lengths = ArrayPool<long>.Shared.Rent(count);
        try
        {
            int pos = DeltaBinaryPacked.Decode(src, lengths.AsSpan(0, count), out _);
            foreach (long length in lengths.AsSpan(0, count))
            {
                if (length < 0 || length > src.Length - pos) ParquetThrow.Corrupt($"DELTA_LENGTH_BYTE_ARRAY length {length} exceeds the page");
                output.Add(src.Slice(pos, (int)length));
                pos += (int)length;
            }
            return pos;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(lengths);
        }
    }

    /// <summary>DELTA_BYTE_ARRAY: prefix lengths shared with the previous value, then suffixes (DELTA_LENGTH_BYTE_ARRAY).</summary>
    public static int Delta(ReadOnlySpan<byte> src, int count, DenseByteArrays output)
    {
        DeltaBinaryPacked.Measure(src, count);
        var prefixes = ArrayPool<long>.Shared.Rent(count);
        try
        {
            int pos = DeltaBinaryPacked.Decode(src, prefixes.AsSpan(0, count), out _);
            var suffixes = new DenseByteArrays();
            pos += DeltaLength(src[pos..], count, suffixes);
            // Each value is the previous value's prefix plus its suffix, built in a reused scratch buffer.
            byte[] current = new byte[256];
            int currentLength = 0;
            long decoded = 0;
            for (int i = 0; i < count; i++)
            {
                long prefix = prefixes[i];
                if (prefix < 0 || prefix > currentLength) ParquetThrow.Corrupt($"DELTA_BYTE_ARRAY prefix {prefix} longer than the previous value");
                var suffix = suffixes[i];
                int length = (int)prefix + suffix.Length;
                decoded += length;
                if (decoded > MaxDecodedBytes) ParquetThrow.Corrupt($"DELTA_BYTE_ARRAY values decode to more than {MaxDecodedBytes >> 20} MiB in one page");
                if (length > current.Length) Array.Resize(ref current, Math.Max(length, current.Length * 2));
                suffix.CopyTo(current.AsSpan((int)prefix));
                currentLength = length;
                output.Add(current.AsSpan(0, length));
            }
            return pos;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(prefixes);
        }
    }
}
