using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kindling.Formats.Parquet.Encodings;

/// <summary>
/// The RLE / bit-packing hybrid of Encodings.md, used for definition levels, dictionary indices and
/// booleans: runs of a repeated value, or groups of 8 values packed LSB first at a fixed bit width.
/// </summary>
internal static class RleBitPackedHybrid
{
    /// <summary>Decodes exactly <c>dst.Length</c> values; returns the bytes consumed. Input is untrusted.</summary>
    public static int Decode(ReadOnlySpan<byte> src, int bitWidth, Span<int> dst)
    {
        if (bitWidth is < 0 or > 32) ParquetThrow.Corrupt($"RLE bit width {bitWidth} is out of range");
        int pos = 0, produced = 0, byteWidth = (bitWidth + 7) / 8;
        while (produced < dst.Length)
        {
            ulong header = Varint.Read(src, ref pos, "RLE header");
            if ((header & 1) == 0)
            {
                ulong run = header >> 1;
                if (run == 0) ParquetThrow.Corrupt("RLE run of length 0");
                if (pos + byteWidth > src.Length) ParquetThrow.Corrupt("RLE run value past the end of the data");
                int value = 0;
                for (int b = 0; b < byteWidth; b++) value |= src[pos + b] << (8 * b);
                pos += byteWidth;
                if (bitWidth < 32 && (uint)value >> bitWidth != 0) ParquetThrow.Corrupt($"RLE value {value} wider than {bitWidth} bits");
                int n = (int)Math.Min(run, (ulong)(dst.Length - produced));
                dst.Slice(produced, n).Fill(value);
                produced += n;
            }
            else
            {
                ulong groups = header >> 1;
                if (groups == 0 || groups > int.MaxValue || (long)groups * bitWidth > src.Length - pos) ParquetThrow.Corrupt("bit-packed run past the end of the data");
                long bytes = (long)groups * bitWidth;
                int values = (int)Math.Min(groups * 8, (ulong)(dst.Length - produced));
                Unpack(src.Slice(pos, (int)bytes), bitWidth, dst.Slice(produced, values));
                pos += (int)bytes;
                produced += values;
            }
        }
        return pos;
    }

    /// <summary>
    /// How many values, up to <paramref name="count"/>, the runs of <paramref name="src"/> hold, read from the
    /// run headers alone (no value is expanded): callers check a count the file claims before allocating for it.
    /// Every run consumes input, so the work is bounded by the input's length. The runs' contents are checked
    /// by <see cref="Decode"/>; this is only an upper bound on what it can produce.
    /// </summary>
    public static int Available(ReadOnlySpan<byte> src, int bitWidth, int count)
    {
        if (bitWidth is < 0 or > 32) ParquetThrow.Corrupt($"RLE bit width {bitWidth} is out of range");
        int pos = 0, byteWidth = (bitWidth + 7) / 8;
        ulong held = 0;
        while (held < (ulong)count && pos < src.Length)
        {
            ulong header = Varint.Read(src, ref pos, "RLE header");
            ulong values;
            if ((header & 1) == 0)
            {
                if (byteWidth > src.Length - pos) break;
                pos += byteWidth;
                values = header >> 1;
            }
            else
            {
                ulong groups = header >> 1;
                if (groups > int.MaxValue || (long)groups * bitWidth > src.Length - pos) break;
                pos += (int)groups * bitWidth;
                values = groups * 8;
            }
            held += Math.Min(values, (ulong)count); // no overflow: held stays below 2 * count
        }
        return (int)Math.Min(held, (ulong)count);
    }

    /// <summary>
    /// Whether the data starts with one RLE run covering at least <paramref name="count"/> values (how writers
    /// encode the levels of a page without nulls), and its value, read without expanding the run.
    /// </summary>
    public static bool TrySingleRun(ReadOnlySpan<byte> src, int bitWidth, int count, out int value)
    {
        value = 0;
        int pos = 0, byteWidth = (bitWidth + 7) / 8;
        ulong header = Varint.Read(src, ref pos, "RLE header");
        if ((header & 1) != 0 || header >> 1 < (ulong)count || pos + byteWidth > src.Length) return false;
        for (int b = 0; b < byteWidth; b++) value |= src[pos + b] << (8 * b);
        return true;
    }

    /// <summary>Unpacks values packed LSB first at <paramref name="bitWidth"/> bits; <paramref name="src"/> holds at least enough bytes.</summary>
    public static void Unpack(ReadOnlySpan<byte> src, int bitWidth, Span<int> dst)
    {
        if (bitWidth == 0)
        {
            dst.Clear();
            return;
        }
        ulong mask = (1UL << bitWidth) - 1;
        ref byte source = ref MemoryMarshal.GetReference(src);
        ref int target = ref MemoryMarshal.GetReference(dst);
        int i = 0;
        if (bitWidth <= 16)
        {
            // Whole groups of 8 values (bitWidth bytes each) from one or two 8-byte loads: up to 8 bits the group
            // fits one word; up to 16, values 4..7 start at bit 4 * bitWidth, a load at byte bitWidth / 2 shifted
            // by the odd half byte. Groups whose loads lie inside the input; the rest take the loop below.
            int half = bitWidth / 2, skew = 4 * (bitWidth & 1);
            int room = src.Length - 8 - half;
            int groups = room < 0 ? 0 : Math.Min(dst.Length / 8, room / bitWidth + 1);
            for (int g = 0; g < groups; g++, i += 8)
            {
                ulong lo = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, g * bitWidth));
                ref int d = ref Unsafe.Add(ref target, i);
                d = (int)(lo & mask);
                Unsafe.Add(ref d, 1) = (int)((lo >> bitWidth) & mask);
                Unsafe.Add(ref d, 2) = (int)((lo >> (2 * bitWidth)) & mask);
                Unsafe.Add(ref d, 3) = (int)((lo >> (3 * bitWidth)) & mask);
                ulong hi = bitWidth <= 8 ? lo >> (4 * bitWidth) : Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, g * bitWidth + half)) >> skew;
                Unsafe.Add(ref d, 4) = (int)(hi & mask);
                Unsafe.Add(ref d, 5) = (int)((hi >> bitWidth) & mask);
                Unsafe.Add(ref d, 6) = (int)((hi >> (2 * bitWidth)) & mask);
                Unsafe.Add(ref d, 7) = (int)((hi >> (3 * bitWidth)) & mask);
            }
        }
        // Values whose 8-byte window lies inside the input take the unchecked path; the tail is careful.
        int fast = Math.Min(dst.Length, (int)Math.Max(0, ((long)(src.Length - 8) * 8) / bitWidth));
        long bit = (long)i * bitWidth;
        for (; i < fast; i++, bit += bitWidth)
        {
            ulong word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, (nint)(bit >> 3)));
            Unsafe.Add(ref target, i) = (int)((word >> (int)(bit & 7)) & mask);
        }
        for (; i < dst.Length; i++, bit += bitWidth)
        {
            int byteIndex = (int)(bit >> 3);
            dst[i] = (int)((ReadTail(src, byteIndex) >> (int)(bit & 7)) & mask);
        }
    }

    private static ulong ReadTail(ReadOnlySpan<byte> src, int from)
    {
        ulong word = 0;
        for (int b = 0; from + b < src.Length && b < 8; b++) word |= (ulong)src[from + b] << (8 * b);
        return word;
    }

    /// <summary>
    /// Encodes values with RLE runs for repeats of 8 or more and bit-packed groups otherwise, as
    /// parquet-mr does.
    /// </summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        int byteWidth = (bitWidth + 7) / 8;
        int i = 0;
        while (i < values.Length)
        {
            int run = RunLength(values, i);
            if (run >= 8)
            {
                output.WriteVarint((ulong)run << 1);
                int v = values[i];
                for (int b = 0; b < byteWidth; b++) output.WriteByte((byte)(v >> (8 * b)));
                i += run;
                continue;
            }
            // Bit-pack whole groups of 8 until a run of 8 repeats starts at a group boundary; only the
            // file's last group may be partial (zero padded: readers stop at the value count).
            int j = i + 1;
            while (j < values.Length && ((j - i) % 8 != 0 || RunLength(values, j) < 8)) j++;
            int groups = (j - i + 7) / 8;
            output.WriteVarint(((ulong)groups << 1) | 1);
            Pack(values[i..j], bitWidth, output.GetSpan(groups * bitWidth));
            output.Advance(groups * bitWidth);
            i = j;
        }
    }

    private static int RunLength(ReadOnlySpan<int> values, int start)
    {
        int run = 1;
        while (start + run < values.Length && values[start + run] == values[start]) run++;
        return run;
    }

    /// <summary>Packs values LSB first; <paramref name="dst"/> is cleared first and holds whole groups of 8.</summary>
    public static void Pack(ReadOnlySpan<int> values, int bitWidth, Span<byte> dst)
    {
        dst.Clear();
        if (bitWidth == 0) return;
        long bit = 0;
        foreach (int v in values)
        {
            ulong bits = (uint)v;
            int byteIndex = (int)(bit >> 3), shift = (int)(bit & 7);
            for (int remaining = bitWidth + shift, k = 0; remaining > 0; remaining -= 8, k++)
                dst[byteIndex + k] |= (byte)((bits << shift) >> (8 * k));
            bit += bitWidth;
        }
    }

    /// <summary>The bits needed for values up to <paramref name="maxValue"/>.</summary>
    public static int BitWidth(int maxValue) => maxValue == 0 ? 0 : 32 - int.LeadingZeroCount(maxValue);
}
