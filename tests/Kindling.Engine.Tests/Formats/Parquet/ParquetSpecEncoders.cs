using System.Buffers.Binary;
using System.Numerics;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// Reference encoders written from parquet-format's Encodings.md, deliberately simple (lists of bytes, one
/// bit at a time) and independent of the engine's writer. Where the spec says readers must accept
/// arbitrary bytes (unused miniblock bit widths, padding bits of the last miniblock), they write non-zero ones.
/// </summary>
internal static class ParquetSpecEncoders
{
    public static void Uleb(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }
        output.Add((byte)value);
    }

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static int BitsFor(ulong max) => max == 0 ? 0 : 64 - BitOperations.LeadingZeroCount(max);

    private static byte[] Le32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>Appends <paramref name="values"/> packed at <paramref name="width"/> bits each, from the least significant bit of each byte.</summary>
    public static void BitPack(List<byte> output, IReadOnlyList<ulong> values, int width)
    {
        int start = output.Count;
        long bits = (long)values.Count * width;
        for (long k = 0; k < (bits + 7) / 8; k++) output.Add(0);
        long bit = 0;
        foreach (ulong value in values)
            for (int b = 0; b < width; b++, bit++)
                if ((value >> b & 1) != 0) output[start + (int)(bit >> 3)] |= (byte)(1 << (int)(bit & 7));
    }

    /// <summary>
    /// The RLE / bit-packing hybrid without length prefix: a run of 8 or more equal values becomes an RLE run,
    /// everything else bit-packed runs of whole groups of 8 (the last group padded with zeros).
    /// </summary>
    public static byte[] Hybrid(IReadOnlyList<int> values, int width)
    {
        var output = new List<byte>();
        int RunAt(int i)
        {
            int n = 1;
            while (i + n < values.Count && values[i + n] == values[i]) n++;
            return n;
        }
        int i = 0;
        while (i < values.Count)
        {
            int run = RunAt(i);
            if (run >= 8)
            {
                Uleb(output, (ulong)run << 1);
                for (int b = 0; b < (width + 7) / 8; b++) output.Add((byte)(values[i] >> (8 * b)));
                i += run;
                continue;
            }
            int groups = 0, end = i;
            do
            {
                end += 8;
                groups++;
            }
            while (end < values.Count && RunAt(end) < 8);
            var packed = new ulong[groups * 8];
            for (int k = i; k < Math.Min(end, values.Count); k++) packed[k - i] = (uint)values[k];
            Uleb(output, ((ulong)groups << 1) | 1);
            BitPack(output, packed, width);
            i = Math.Min(end, values.Count);
        }
        return [.. output];
    }

    /// <summary>Definition levels of a data page v1: the hybrid prefixed by its 4-byte length.</summary>
    public static byte[] LevelsV1(IReadOnlyList<int> levels)
    {
        var hybrid = Hybrid(levels, 1);
        return [.. Le32(hybrid.Length), .. hybrid];
    }

    /// <summary>RLE booleans: prefixed by their 4-byte length in data pages v1 and v2 alike.</summary>
    public static byte[] RleBooleans(IReadOnlyList<bool> values)
    {
        var hybrid = Hybrid([.. values.Select(v => v ? 1 : 0)], 1);
        return [.. Le32(hybrid.Length), .. hybrid];
    }

    /// <summary>A dictionary data page: the index bit width as one byte, then the indices in the hybrid.</summary>
    public static byte[] DictionaryIndices(IReadOnlyList<int> indices, int dictionarySize)
    {
        int width = BitsFor((ulong)Math.Max(0, dictionarySize - 1));
        return [(byte)width, .. Hybrid(indices, width)];
    }

    public static byte[] PlainBooleans(IReadOnlyList<bool> values)
    {
        var output = new List<byte>();
        BitPack(output, [.. values.Select(v => v ? 1UL : 0UL)], 1);
        return [.. output];
    }

    public static byte[] PlainInt32(IEnumerable<int> values) =>
        [.. values.SelectMany(v => new[] { (byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24) })];

    public static byte[] PlainInt64(IEnumerable<long> values) =>
        [.. values.SelectMany(v => Enumerable.Range(0, 8).Select(b => (byte)(v >> (8 * b))))];

    public static byte[] PlainFloat(IEnumerable<float> values) => PlainInt32(values.Select(BitConverter.SingleToInt32Bits));

    public static byte[] PlainDouble(IEnumerable<double> values) => PlainInt64(values.Select(BitConverter.DoubleToInt64Bits));

    public static byte[] PlainByteArrays(IEnumerable<byte[]> values) => [.. values.SelectMany(v => (byte[])[.. Le32(v.Length), .. v])];

    public static byte[] Fixed(IReadOnlyList<byte[]> values, int width)
    {
        Assert.All(values, v => Assert.Equal(width, v.Length));
        return [.. values.SelectMany(v => v)];
    }

    /// <summary>
    /// DELTA_BINARY_PACKED with the given block layout. INT32 deltas are computed in 32-bit wrap-around
    /// arithmetic (so no miniblock needs more than 32 bits); INT64 in 64-bit.
    /// </summary>
    public static byte[] DeltaBinaryPacked(IReadOnlyList<long> values, int blockSize = 128, int miniblocks = 4, bool int32 = false)
    {
        var output = new List<byte>();
        Uleb(output, (ulong)blockSize);
        Uleb(output, (ulong)miniblocks);
        Uleb(output, (ulong)values.Count);
        Uleb(output, ZigZag(values.Count > 0 ? values[0] : 0));
        int perMiniblock = blockSize / miniblocks;
        for (int start = 1; start < values.Count; start += blockSize)
        {
            int n = Math.Min(blockSize, values.Count - start);
            var deltas = new long[n];
            for (int k = 0; k < n; k++)
                deltas[k] = int32 ? unchecked((int)values[start + k] - (int)values[start + k - 1]) : unchecked(values[start + k] - values[start + k - 1]);
            long min = deltas.Min();
            ulong Relative(long delta) => int32 ? unchecked((uint)((int)delta - (int)min)) : unchecked((ulong)(delta - min));
            Uleb(output, ZigZag(min));
            int used = (n + perMiniblock - 1) / perMiniblock;
            var widths = new int[used];
            for (int m = 0; m < used; m++)
            {
                ulong max = 0;
                for (int k = m * perMiniblock; k < Math.Min(n, (m + 1) * perMiniblock); k++) max = Math.Max(max, Relative(deltas[k]));
                widths[m] = BitsFor(max);
            }
            for (int m = 0; m < miniblocks; m++) output.Add(m < used ? (byte)widths[m] : (byte)0xA5);
            for (int m = 0; m < used; m++)
            {
                ulong padding = widths[m] == 64 ? ulong.MaxValue : (1UL << widths[m]) - 1;
                var packed = new ulong[perMiniblock];
                for (int k = 0; k < perMiniblock; k++) packed[k] = m * perMiniblock + k < n ? Relative(deltas[m * perMiniblock + k]) : padding;
                BitPack(output, packed, widths[m]);
            }
        }
        return [.. output];
    }

    /// <summary>DELTA_LENGTH_BYTE_ARRAY: the lengths (DELTA_BINARY_PACKED), then all the bytes back to back.</summary>
    public static byte[] DeltaLengthByteArray(IReadOnlyList<byte[]> values, int blockSize = 128, int miniblocks = 4) =>
        [.. DeltaBinaryPacked([.. values.Select(v => (long)v.Length)], blockSize, miniblocks), .. values.SelectMany(v => v)];

    /// <summary>DELTA_BYTE_ARRAY: the lengths of the prefixes shared with the previous value, then the suffixes as DELTA_LENGTH_BYTE_ARRAY.</summary>
    public static byte[] DeltaByteArray(IReadOnlyList<byte[]> values, int blockSize = 128, int miniblocks = 4)
    {
        var prefixes = new List<long>();
        var suffixes = new List<byte[]>();
        byte[] previous = [];
        foreach (var value in values)
        {
            int shared = 0;
            while (shared < value.Length && shared < previous.Length && value[shared] == previous[shared]) shared++;
            prefixes.Add(shared);
            suffixes.Add(value[shared..]);
            previous = value;
        }
        return [.. DeltaBinaryPacked(prefixes, blockSize, miniblocks), .. DeltaLengthByteArray(suffixes, blockSize, miniblocks)];
    }

    /// <summary>BYTE_STREAM_SPLIT: byte b of value i goes to position i of stream b; the streams back to back.</summary>
    public static byte[] ByteStreamSplit(byte[] plain, int width)
    {
        Assert.Equal(0, plain.Length % width);
        int n = plain.Length / width;
        var output = new byte[plain.Length];
        for (int i = 0; i < n; i++)
            for (int b = 0; b < width; b++) output[b * n + i] = plain[i * width + b];
        return output;
    }

    /// <summary>A decimal's unscaled integer at <paramref name="scale"/>.</summary>
    public static Int128 Unscaled(decimal value, int scale)
    {
        decimal scaled = value;
        for (int i = 0; i < scale; i++) scaled *= 10;
        Assert.Equal(decimal.Truncate(scaled), scaled);
        return (Int128)scaled;
    }

    /// <summary>Big-endian two's complement in exactly <paramref name="width"/> bytes.</summary>
    public static byte[] BigEndian(Int128 value, int width)
    {
        if (width < 16)
        {
            Int128 limit = Int128.One << (8 * width - 1);
            Assert.InRange(value, -limit, limit - 1);
        }
        var bytes = new byte[width];
        for (int b = 0; b < width; b++) bytes[width - 1 - b] = (byte)(value >> (8 * b));
        return bytes;
    }
}
