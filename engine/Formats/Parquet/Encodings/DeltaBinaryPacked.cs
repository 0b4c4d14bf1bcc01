using System.Buffers.Binary;

namespace Kindling.Formats.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED (Encodings.md): blocks of bit-packed deltas from a per-block minimum, with
/// wrap-around arithmetic. Decoding validates every header against the bytes available.
/// </summary>
internal static class DeltaBinaryPacked
{
    /// <summary>Decodes <c>dst.Length</c> values (at most the header's count); returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> src, Span<long> dst, out int totalCount)
    {
        int pos = 0;
        ulong blockSize = Varint.Read(src, ref pos, "DELTA_BINARY_PACKED"), miniblocks = Varint.Read(src, ref pos, "DELTA_BINARY_PACKED"), total = Varint.Read(src, ref pos, "DELTA_BINARY_PACKED");
        if (blockSize == 0 || blockSize % 128 != 0 || miniblocks == 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 32 != 0 || blockSize > 1 << 20)
            ParquetThrow.Corrupt($"DELTA_BINARY_PACKED header with block size {blockSize} and {miniblocks} miniblocks is invalid");
        if (total > int.MaxValue) ParquetThrow.Corrupt($"DELTA_BINARY_PACKED count {total} is too large");
        totalCount = (int)total;
        if (dst.Length > totalCount) ParquetThrow.Corrupt($"DELTA_BINARY_PACKED holds {totalCount} values, {dst.Length} expected");
        long value = ZigZag(Varint.Read(src, ref pos, "DELTA_BINARY_PACKED"));
        int perMiniblock = (int)(blockSize / miniblocks);
        int produced = 0;
        if (totalCount > 0 && dst.Length > 0) dst[produced++] = value;
        int remaining = totalCount - 1;
        Span<byte> widths = stackalloc byte[(int)Math.Min(miniblocks, 1024)];
        if ((int)miniblocks > widths.Length) ParquetThrow.Corrupt("too many miniblocks");
        while (remaining > 0)
        {
            long minDelta = ZigZag(Varint.Read(src, ref pos, "DELTA_BINARY_PACKED"));
            if (pos + (int)miniblocks > src.Length) ParquetThrow.Corrupt("DELTA_BINARY_PACKED bit widths past the end");
            src.Slice(pos, (int)miniblocks).CopyTo(widths);
            pos += (int)miniblocks;
            for (int m = 0; m < (int)miniblocks && remaining > 0; m++)
            {
                int width = widths[m];
                if (width > 64) ParquetThrow.Corrupt($"DELTA_BINARY_PACKED bit width {width}");
                int bytes = perMiniblock * width / 8;
                if (pos + bytes > src.Length) ParquetThrow.Corrupt("DELTA_BINARY_PACKED miniblock past the end");
                var packed = src.Slice(pos, bytes);
                int n = Math.Min(perMiniblock, remaining);
                for (int k = 0; k < n; k++)
                {
                    ulong delta = ReadBits(packed, (long)k * width, width);
                    value = unchecked(value + minDelta + (long)delta);
                    if (produced < dst.Length) dst[produced++] = value;
                }
                remaining -= n;
                pos += bytes;
            }
        }
        return pos;
    }

    private static ulong ReadBits(ReadOnlySpan<byte> src, long bitPos, int width)
    {
        if (width == 0) return 0;
        int index = (int)(bitPos >> 3), shift = (int)(bitPos & 7);
        ulong lo = src.Length - index >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(src[index..]) : Tail(src, index);
        ulong v = lo >> shift;
        if (shift + width > 64) v |= (ulong)src[index + 8] << (64 - shift);
        return width == 64 ? v : v & ((1UL << width) - 1);
    }

    private static ulong Tail(ReadOnlySpan<byte> src, int from)
    {
        ulong word = 0;
        for (int b = 0; from + b < src.Length && b < 8; b++) word |= (ulong)src[from + b] << (8 * b);
        return word;
    }

    private static long ZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    /// <summary>Encodes with one 128-value block of 4 miniblocks at a time (the reference layout); for tests and the writer.</summary>
    public static void Encode(ReadOnlySpan<long> values, ByteBuffer output)
    {
        const int blockSize = 128, miniblocks = 4, perMiniblock = blockSize / miniblocks;
        output.WriteVarint(blockSize);
        output.WriteVarint(miniblocks);
        output.WriteVarint((ulong)values.Length);
        output.WriteVarint(values.Length > 0 ? (ulong)((values[0] << 1) ^ (values[0] >> 63)) : 0);
        Span<long> deltas = stackalloc long[blockSize];
        Span<byte> widths = stackalloc byte[miniblocks];
        for (int start = 1; start < values.Length; start += blockSize)
        {
            int n = Math.Min(blockSize, values.Length - start);
            long min = long.MaxValue;
            for (int k = 0; k < n; k++)
            {
                deltas[k] = unchecked(values[start + k] - values[start + k - 1]);
                min = Math.Min(min, deltas[k]);
            }
            output.WriteVarint((ulong)((min << 1) ^ (min >> 63)));
            for (int m = 0; m < miniblocks; m++)
            {
                ulong max = 0;
                for (int k = m * perMiniblock; k < Math.Min(n, (m + 1) * perMiniblock); k++) max = Math.Max(max, unchecked((ulong)(deltas[k] - min)));
                widths[m] = (byte)(max == 0 ? 0 : 64 - ulong.LeadingZeroCount(max));
            }
            output.Write(widths);
            for (int m = 0; m < miniblocks && m * perMiniblock < n; m++)
            {
                int bytes = perMiniblock * widths[m] / 8;
                var span = output.GetSpan(bytes);
                span.Clear();
                for (int k = 0; k < perMiniblock && m * perMiniblock + k < n; k++)
                {
                    ulong v = unchecked((ulong)(deltas[m * perMiniblock + k] - min));
                    long bit = (long)k * widths[m];
                    for (int b = 0; b < widths[m]; b++, bit++)
                        if ((v >> b & 1) != 0) span[(int)(bit >> 3)] |= (byte)(1 << (int)(bit & 7));
                }
                output.Advance(bytes);
            }
        }
    }
}
