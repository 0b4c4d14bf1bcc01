using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet.Compression;

/// <summary>
/// Snappy's raw block format (google/snappy format_description.txt), written for Parquet pages:
/// a varint length, then literals and back-references. Decoding checks every length and offset.
/// </summary>
internal sealed class SnappyCodec : ICompressionCodec
{
    public static readonly SnappyCodec Instance = new();

    private const int BlockSize = 1 << 16; // offsets then fit the 2-byte copy form
    private const int HashBits = 14;

    public CompressionCodec Codec => CompressionCodec.Snappy;

    public int MaxCompressedLength(int uncompressedLength) => 32 + uncompressedLength + uncompressedLength / 6;

    // The fast loop runs while, at each tag, 17 bytes can be read (the word at the tag, a short literal's 16
    // bytes after it) and 80 written: no element writes further than 79 bytes on (a 64-byte copy in 16-byte
    // chunks ends at most 15 past itself; a short pattern stored in 12-byte steps, 76 on).
    private const int FastInput = 17;
    private const int FastOutput = 80;

    /// <summary>What a copy tag says: its offset is (the 4 bytes after the tag &amp; Mask) + High.</summary>
    private readonly struct CopyTag(uint mask, ushort high, byte length)
    {
        public readonly uint Mask = mask;
        public readonly ushort High = high;
        public readonly byte Length = length;
    }

    private static readonly CopyTag[] CopyTags = BuildCopyTags();

    // For a pattern of 1..7 bytes: the 16 shuffle indices i % offset, and the largest multiple of the
    // offset that fits in 16 bytes (the step at which one 16-byte store of the pattern repeats).
    private static readonly byte[] PatternIndices = BuildPatternIndices();
    private static ReadOnlySpan<byte> PatternStep => [0, 16, 16, 15, 16, 15, 12, 14];

    private static CopyTag[] BuildCopyTags()
    {
        var table = new CopyTag[256];
        for (int tag = 0; tag < 256; tag++)
        {
            table[tag] = (tag & 3) switch
            {
                0 => default, // a literal
                1 => new CopyTag(0xFF, (ushort)((tag >> 5) << 8), (byte)(4 + ((tag >> 2) & 7))),
                2 => new CopyTag(0xFFFF, 0, (byte)((tag >> 2) + 1)),
                _ => new CopyTag(uint.MaxValue, 0, (byte)((tag >> 2) + 1)),
            };
        }
        return table;
    }

    private static byte[] BuildPatternIndices()
    {
        var indices = new byte[8 * 16];
        for (int offset = 1; offset < 8; offset++)
            for (int i = 0; i < 16; i++) indices[offset * 16 + i] = (byte)(i % offset);
        return indices;
    }

    public unsafe void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int start = 0;
        ulong declared = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (start >= source.Length || shift > 28) throw Corrupt("bad length preamble");
            byte b = source[start++];
            declared |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
        }
        if (declared != (ulong)destination.Length)
            throw Corrupt($"it holds {declared} bytes but the page header says {destination.Length}");

        fixed (byte* srcBase = source)
        fixed (byte* dstBase = destination)
        {
            byte* ip = srcBase + start, ipEnd = srcBase + source.Length;
            byte* op = dstBase, opEnd = dstBase + destination.Length;
            if (ipEnd - ip >= FastInput && opEnd - op >= FastOutput)
                ip = DecodeFast(ip, ipEnd - FastInput, ref op, dstBase, opEnd - FastOutput);

            // The last bytes of either side, with every length checked.
            while (ip < ipEnd)
            {
                byte tag = *ip++;
                nint length, offset;
                if ((tag & 3) == 0)
                {
                    length = (tag >> 2) + 1;
                    if (length > 60)
                    {
                        int extra = (int)length - 60;
                        if (ipEnd - ip < extra) throw Corrupt("literal length past the end");
                        uint n = 0;
                        for (int i = 0; i < extra; i++) n |= (uint)ip[i] << (8 * i);
                        ip += extra;
                        length = (nint)n + 1;
                    }
                    if (length > ipEnd - ip || length > opEnd - op) throw Corrupt("literal past the end");
                    Buffer.MemoryCopy(ip, op, length, length);
                    ip += length;
                    op += length;
                    continue;
                }
                switch (tag & 3)
                {
                    case 1:
                        if (ip >= ipEnd) throw Corrupt("copy past the end");
                        length = 4 + ((tag >> 2) & 7);
                        offset = ((tag >> 5) << 8) | *ip++;
                        break;
                    case 2:
                        if (ipEnd - ip < 2) throw Corrupt("copy past the end");
                        length = (tag >> 2) + 1;
                        offset = ip[0] | (ip[1] << 8);
                        ip += 2;
                        break;
                    default:
                        if (ipEnd - ip < 4) throw Corrupt("copy past the end");
                        length = (tag >> 2) + 1;
                        offset = (nint)(uint)(ip[0] | (ip[1] << 8) | (ip[2] << 16) | (ip[3] << 24));
                        ip += 4;
                        break;
                }
                if (offset <= 0 || offset > op - dstBase) throw BadOffset((ulong)offset, op - dstBase);
                if (length > opEnd - op) throw Corrupt("copy past the end of the output");
                // Byte by byte: the source may overlap the bytes being written.
                byte* from = op - offset;
                for (nint i = 0; i < length; i++) op[i] = from[i];
                op += length;
            }
            if (op != opEnd) throw Corrupt($"it produced {op - dstBase} bytes, expected {destination.Length}");
        }
    }

    /// <summary>
    /// Decodes while at least FastInput bytes remain to read and FastOutput to write, so an element needs no
    /// end checks except for literals longer than 16 bytes; copies (at most 64 bytes) only check their offset.
    /// Returns where the input stopped, at a tag, and moves <paramref name="opRef"/> to where the output did.
    /// </summary>
    private static unsafe byte* DecodeFast(byte* ip, byte* ipLimit, ref byte* opRef, byte* dstBase, byte* opLimit)
    {
        byte* op = opRef;
        ref CopyTag copyTags = ref MemoryMarshal.GetArrayDataReference(CopyTags);
        // The low byte is the tag; higher bits may hold the bytes after it. The next tag mostly lies within
        // the 8 bytes read at each tag: shifting it out of them keeps a memory load off the chain from one
        // tag to the next, which bounds this loop.
        uint tag = *ip;
        while (true)
        {
            ulong word = Unsafe.ReadUnaligned<ulong>(ip);
            if ((tag & 3) == 0)
            {
                nint length = (nint)((nuint)(tag & 0xFF) >> 2) + 1;
                if ((byte)tag < 16 << 2)
                {
                    Vector128.Store(Vector128.Load(ip + 1), op);
                    ip += length + 1;
                    op += length;
                    if (ip > ipLimit || op > opLimit) break;
                    // Up to 6 literal bytes leave the next tag in the word (shifting out 8 * (length + 1) bits).
                    tag = (byte)tag < 6 << 2 ? (uint)(word >> (int)(2 * tag + 16)) : *ip;
                    continue;
                }
                ip++;
                if (length > 60)
                {
                    int extra = (int)length - 60;
                    length = (nint)((uint)(word >> 8) & (uint.MaxValue >> (32 - 8 * extra))) + 1;
                    ip += extra;
                }
                if (length > ipLimit + FastInput - ip || length > opLimit + FastOutput - op) throw Corrupt("literal past the end");
                Buffer.MemoryCopy(ip, op, length, length);
                ip += length;
                op += length;
                if (ip > ipLimit || op > opLimit) break;
                tag = *ip;
                continue;
            }

            ref readonly CopyTag copy = ref Unsafe.Add(ref copyTags, (byte)tag);
            nint copyLength = copy.Length;
            nuint offset = ((uint)(word >> 8) & copy.Mask) + copy.High;
            uint next;
            if ((tag & 3) != 3)
            {
                ip += (tag & 3) + 1;
                next = (uint)(word >> (int)(((tag & 3) + 1) * 8));
            }
            else
            {
                ip += 5;
                next = (uint)(word >> 40);
            }
            // Offset 0 gives op, and one past the start of the output wraps, if at all, above op.
            byte* from = op - offset;
            if (from < dstBase || from >= op) throw BadOffset(offset, op - dstBase);
            // Each form may write past the copy's end into the room FastOutput keeps; later writes fix it.
            if (offset >= 32)
            {
                // Up to 32 bytes (nearly every copy in text) with no branch on the length.
                Vector128.Store(Vector128.Load(from), op);
                Vector128.Store(Vector128.Load(from + 16), op + 16);
                if (copyLength > 32) CopyPeriods<Vector128<byte>>(from, op, (nint)offset, copyLength);
            }
            else if (offset >= 16)
            {
                Vector128.Store(Vector128.Load(from), op);
                if (copyLength > 16) CopyPeriods<Vector128<byte>>(from, op, (nint)offset, copyLength);
            }
            else if (offset >= 8)
            {
                if ((nuint)copyLength - 4 <= 4)
                {
                    // 4 to 8 bytes (most copies in numeric pages): two 4-byte loads that stay inside the
                    // source let the CPU forward them from the one store that wrote it; a wider load would
                    // often also span the next literal's store, and wait for both to reach the cache.
                    *(ulong*)op = *(uint*)from | (ulong)*(uint*)(from + copyLength - 4) << (int)(8 * (copyLength - 4));
                }
                else
                {
                    CopyPeriods<ulong>(from, op, (nint)offset, copyLength);
                }
            }
            else
            {
                // A pattern shorter than 8 bytes (common in numeric pages): spread it over 16 bytes once,
                // then store that at steps of a whole number of periods.
                var indices = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(PatternIndices), offset * 16);
                var pattern = Shuffle(Vector128.Load(from), indices);
                nint step = Unsafe.Add(ref MemoryMarshal.GetReference(PatternStep), (nint)offset);
                nint i = 0;
                do
                {
                    Vector128.Store(pattern, op + i);
                    i += step;
                } while (i < copyLength);
            }
            op += copyLength;
            if (ip > ipLimit || op > opLimit) break;
            tag = next;
        }
        opRef = op;
        return ip;
    }

    /// <summary>
    /// Copies <paramref name="length"/> bytes from <paramref name="offset"/> back (at least the size of
    /// <typeparamref name="T"/>) in chunks of that size, one period of the source at a time, the last chunk of a
    /// period overlapping the one before: no load reads bytes this copy writes (it would wait for the stores to
    /// reach the cache), and no store ends more than one chunk past the copy.
    /// </summary>
    private static unsafe void CopyPeriods<T>(byte* from, byte* op, nint offset, nint length) where T : unmanaged
    {
        nint chunk = sizeof(T);
        for (nint k = 0; k < length; k += offset)
        {
            for (nint j = 0; ; j = Math.Min(j + chunk, offset - chunk))
            {
                Unsafe.WriteUnaligned(op + k + j, Unsafe.ReadUnaligned<T>(from + j));
                if (j + chunk >= offset || k + j + chunk >= length) break;
            }
        }
    }

    // Both give the same result for indices below 16; the first is one instruction.
    private static Vector128<byte> Shuffle(Vector128<byte> vector, Vector128<byte> indices) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(vector, indices) : Vector128.Shuffle(vector, indices);

    private static InvalidDataException Corrupt(string what) => new($"corrupt snappy data: {what}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InvalidDataException BadOffset(ulong offset, long position) => Corrupt($"copy offset {offset} at output position {position}");

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int op = 0;
        ulong n = (ulong)source.Length;
        while (n >= 0x80)
        {
            destination[op++] = (byte)(n | 0x80);
            n >>= 7;
        }
        destination[op++] = (byte)n;

        Span<ushort> table = stackalloc ushort[1 << HashBits];
        for (int blockStart = 0; blockStart < source.Length; blockStart += BlockSize)
        {
            var block = source.Slice(blockStart, Math.Min(BlockSize, source.Length - blockStart));
            op = CompressBlock(block, destination, op, table);
        }
        return op;
    }

    private static int CompressBlock(ReadOnlySpan<byte> block, Span<byte> dst, int op, Span<ushort> table)
    {
        int nextEmit = 0;
        if (block.Length >= 16)
        {
            table.Clear();
            // Reads below stay inside the block: ip < limit leaves 4 bytes, and candidates lie before ip.
            ref byte start = ref MemoryMarshal.GetReference(block);
            ref ushort slots = ref MemoryMarshal.GetReference(table);
            int limit = block.Length - 4;
            int ip = 1, skip = 32;
            while (ip < limit)
            {
                uint current = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, ip));
                ref ushort slot = ref Unsafe.Add(ref slots, (int)((current * 0x1E35A7BDu) >> (32 - HashBits)));
                int candidate = slot;
                slot = (ushort)ip;
                if (candidate < ip && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, candidate)) == current)
                {
                    op = EmitLiteral(block, nextEmit, ip - nextEmit, dst, op);
                    int matched = MatchLength(block, candidate, ip);
                    op = EmitCopy(ip - candidate, matched, dst, op);
                    ip += matched;
                    nextEmit = ip;
                    skip = 32;
                    if (ip - 1 < limit)
                    {
                        uint prev = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, ip - 1));
                        Unsafe.Add(ref slots, (int)((prev * 0x1E35A7BDu) >> (32 - HashBits))) = (ushort)(ip - 1);
                    }
                }
                else
                {
                    // Incompressible data: step faster the longer no match is found.
                    ip += skip++ >> 5;
                }
            }
        }
        if (nextEmit < block.Length) op = EmitLiteral(block, nextEmit, block.Length - nextEmit, dst, op);
        return op;
    }

    /// <summary>How many bytes at <paramref name="ip"/> equal those at <paramref name="candidate"/> (the first 4 are known to), 8 at a time.</summary>
    private static int MatchLength(ReadOnlySpan<byte> block, int candidate, int ip)
    {
        int matched = 4;
        while (ip + matched + 8 <= block.Length)
        {
            ulong difference = BinaryPrimitives.ReadUInt64LittleEndian(block[(candidate + matched)..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(block[(ip + matched)..]);
            if (difference != 0) return matched + (System.Numerics.BitOperations.TrailingZeroCount(difference) >> 3);
            matched += 8;
        }
        while (ip + matched < block.Length && block[candidate + matched] == block[ip + matched]) matched++;
        return matched;
    }

    /// <summary>Emits bytes [from, from + length) of the block as a literal.</summary>
    private static int EmitLiteral(ReadOnlySpan<byte> block, int from, int length, Span<byte> dst, int op)
    {
        if (length == 0) return op;
        int n = length - 1;
        if (n < 16 && block.Length - from >= 16 && dst.Length - op >= 17)
        {
            // The common short literal (numeric pages: a byte or two between copies): its tag, then 16 bytes copied
            // at once; the bytes past the literal are overwritten by what follows.
            dst[op] = (byte)(n << 2);
            Unsafe.WriteUnaligned(ref dst[op + 1], Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(in block[from]));
            return op + 1 + length;
        }
        var literal = block.Slice(from, length);
        if (n < 60) dst[op++] = (byte)(n << 2);
        else if (n < 1 << 8) { dst[op++] = 60 << 2; dst[op++] = (byte)n; }
        else if (n < 1 << 16) { dst[op++] = 61 << 2; dst[op++] = (byte)n; dst[op++] = (byte)(n >> 8); }
        else if (n < 1 << 24) { dst[op++] = 62 << 2; dst[op++] = (byte)n; dst[op++] = (byte)(n >> 8); dst[op++] = (byte)(n >> 16); }
        else { dst[op++] = 63 << 2; BinaryPrimitives.WriteInt32LittleEndian(dst[op..], n); op += 4; }
        literal.CopyTo(dst[op..]);
        return op + literal.Length;
    }

    private static int EmitCopy(int offset, int length, Span<byte> dst, int op)
    {
        // The 2-byte-offset form carries 1..64 bytes; keep the last piece at least 4 long.
        while (length >= 68)
        {
            op = EmitCopyUpTo64(offset, 64, dst, op);
            length -= 64;
        }
        if (length > 64)
        {
            op = EmitCopyUpTo64(offset, 60, dst, op);
            length -= 60;
        }
        return EmitCopyUpTo64(offset, length, dst, op);
    }

    private static int EmitCopyUpTo64(int offset, int length, Span<byte> dst, int op)
    {
        if (length is >= 4 and <= 11 && offset < 2048)
        {
            dst[op++] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            dst[op++] = (byte)offset;
            return op;
        }
        dst[op++] = (byte)(2 | ((length - 1) << 2));
        BinaryPrimitives.WriteUInt16LittleEndian(dst[op..], (ushort)offset);
        return op + 2;
    }
}
