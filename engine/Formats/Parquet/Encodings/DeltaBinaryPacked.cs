using System.Buffers.Binary;

namespace Kindling.Formats.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED (Encodings.md): blocks of bit-packed deltas from a per-block minimum, with
/// wrap-around arithmetic. Decoding validates every header against the bytes available.
/// </summary>
internal static class DeltaBinaryPacked
{
    private const string Name = "DELTA_BINARY_PACKED";

    /// <summary>The largest block accepted: writers use 128 (parquet-mr, Arrow) to 2,048 (DuckDB) values.</summary>
    private const int MaxBlockSize = 1 << 20;

    /// <summary>The most miniblocks a block may have (their bit widths are read into a stack buffer).</summary>
    private const int MaxMiniblocks = 1024;

    /// <summary>
    /// Reads and checks the header: the block size a positive multiple of 128, the miniblock count dividing it
    /// into miniblocks of a multiple of 32 values, and a total that is exactly <paramref name="expected"/> (the
    /// page's count of non-null values: a header claiming more would make the decoder walk blocks for values
    /// no one reads, a header claiming fewer leaves values undecoded).
    /// </summary>
    private static void ReadHeader(ReadOnlySpan<byte> src, ref int pos, int expected, out int miniblocks, out int perMiniblock, out long first)
    {
        ulong blockSize = Varint.Read(src, ref pos, Name), count = Varint.Read(src, ref pos, Name), total = Varint.Read(src, ref pos, Name);
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > MaxBlockSize || count == 0 || blockSize % count != 0 || (blockSize / count) % 32 != 0)
            ParquetThrow.Corrupt($"{Name} header with block size {blockSize} and {count} miniblocks is invalid");
        if (count > MaxMiniblocks) ParquetThrow.Corrupt($"{Name} block of {count} miniblocks (at most {MaxMiniblocks} are read)");
        if (total != (ulong)expected) ParquetThrow.Corrupt($"{Name} holds {total} values, {expected} expected");
        miniblocks = (int)count;
        perMiniblock = (int)(blockSize / count);
        first = ZigZag(Varint.Read(src, ref pos, Name));
    }

    /// <summary>
    /// Checks, without decoding, that <paramref name="src"/> holds a stream of exactly <paramref name="count"/>
    /// values whose blocks all lie inside it; returns the bytes the stream takes. Callers run it before they
    /// allocate for a count read from the file. Each block consumes at least one byte per miniblock plus its
    /// minimum delta, so the work is bounded by the input's length.
    /// </summary>
    public static int Measure(ReadOnlySpan<byte> src, int count)
    {
        int pos = 0;
        ReadHeader(src, ref pos, count, out int miniblocks, out int perMiniblock, out _);
        long remaining = count - 1L;
        while (remaining > 0)
        {
            Varint.Read(src, ref pos, Name); // min delta
            if (miniblocks > src.Length - pos) ParquetThrow.Corrupt($"{Name} bit widths past the end");
            var widths = src.Slice(pos, miniblocks);
            pos += miniblocks;
            for (int m = 0; m < miniblocks && remaining > 0; m++)
            {
                int bytes = MiniblockBytes(widths[m], perMiniblock);
                if (bytes > src.Length - pos) ParquetThrow.Corrupt($"{Name} miniblock past the end");
                pos += bytes;
                remaining -= perMiniblock;
            }
        }
        return pos;
    }

    /// <summary>
    /// Decodes a stream of exactly <c>dst.Length</c> values (its header must say so); returns the bytes
    /// consumed. <paramref name="totalCount"/> is the header's count, which equals <c>dst.Length</c>.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> src, Span<long> dst, out int totalCount)
    {
        int pos = 0;
        ReadHeader(src, ref pos, dst.Length, out int miniblocks, out int perMiniblock, out long value);
        totalCount = dst.Length;
        if (dst.IsEmpty) return pos;
        dst[0] = value;
        int produced = 1;
        while (produced < dst.Length)
        {
            // Every block consumes input (its min delta and bit widths), and only as many as the values need are read.
            long minDelta = ZigZag(Varint.Read(src, ref pos, Name));
            if (miniblocks > src.Length - pos) ParquetThrow.Corrupt($"{Name} bit widths past the end");
            var widths = src.Slice(pos, miniblocks);
            pos += miniblocks;
            for (int m = 0; m < miniblocks && produced < dst.Length; m++)
            {
                int width = widths[m];
                int bytes = MiniblockBytes(width, perMiniblock);
                if (bytes > src.Length - pos) ParquetThrow.Corrupt($"{Name} miniblock past the end");
                var packed = src.Slice(pos, bytes);
                var target = dst.Slice(produced, Math.Min(perMiniblock, dst.Length - produced));
                if (width == 0)
                {
                    for (int k = 0; k < target.Length; k++) target[k] = value = unchecked(value + minDelta);
                }
                else
                {
                    for (int k = 0; k < target.Length; k++)
                        target[k] = value = unchecked(value + minDelta + (long)ReadBits(packed, (long)k * width, width));
                }
                produced += target.Length;
                pos += bytes;
            }
        }
        return pos;
    }

    /// <summary>The bytes of a miniblock of <paramref name="perMiniblock"/> values at <paramref name="width"/> bits (checked).</summary>
    private static int MiniblockBytes(int width, int perMiniblock)
    {
        if (width > 64) ParquetThrow.Corrupt($"{Name} bit width {width}");
        return perMiniblock / 8 * width; // perMiniblock is a multiple of 32
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
