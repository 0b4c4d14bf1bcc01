using System.Buffers.Binary;
using System.Runtime.CompilerServices;
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
                    // Short literals (the common case in numeric pages): one 16-byte copy when both sides have room.
                    if (length <= 16 && ipEnd - ip >= 16 && opEnd - op >= 16)
                        Buffer.MemoryCopy(ip, op, 16, 16);
                    else
                        Buffer.MemoryCopy(ip, op, opEnd - op, length);
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
                if (offset <= 0 || offset > op - dstBase) throw Corrupt($"copy offset {offset} at output position {op - dstBase}");
                if (length > opEnd - op) throw Corrupt("copy past the end of the output");
                byte* from = op - offset;
                if (opEnd - op >= length + 16)
                {
                    // Word copies that may overshoot into the slack past the copy's end (later writes fix it).
                    byte* end = op + length;
                    // A short repeating pattern (offset < 8, common in numeric pages): each 8-byte copy extends
                    // the written pattern, doubling the distance until word copies no longer overlap.
                    while (op - from < 8)
                    {
                        *(ulong*)op = *(ulong*)from;
                        op += op - from;
                    }
                    while (op < end)
                    {
                        *(ulong*)op = *(ulong*)from;
                        op += 8;
                        from += 8;
                    }
                    op = end;
                }
                else
                {
                    // Overlapping (a repeating pattern shorter than 8 bytes) or near the end: byte by byte.
                    for (nint i = 0; i < length; i++) op[i] = from[i];
                    op += length;
                }
            }
            if (op != opEnd) throw Corrupt($"it produced {op - dstBase} bytes, expected {destination.Length}");
        }
    }

    private static InvalidDataException Corrupt(string what) => new($"corrupt snappy data: {what}");

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
            int limit = block.Length - 4;
            int ip = 1, skip = 32;
            while (ip < limit)
            {
                uint current = BinaryPrimitives.ReadUInt32LittleEndian(block[ip..]);
                int h = (int)((current * 0x1E35A7BDu) >> (32 - HashBits));
                int candidate = table[h];
                table[h] = (ushort)ip;
                if (candidate < ip && BinaryPrimitives.ReadUInt32LittleEndian(block[candidate..]) == current)
                {
                    op = EmitLiteral(block[nextEmit..ip], dst, op);
                    int matched = 4;
                    while (ip + matched < block.Length && block[candidate + matched] == block[ip + matched]) matched++;
                    op = EmitCopy(ip - candidate, matched, dst, op);
                    ip += matched;
                    nextEmit = ip;
                    skip = 32;
                    if (ip - 1 < limit)
                    {
                        uint prev = BinaryPrimitives.ReadUInt32LittleEndian(block[(ip - 1)..]);
                        table[(int)((prev * 0x1E35A7BDu) >> (32 - HashBits))] = (ushort)(ip - 1);
                    }
                }
                else
                {
                    // Incompressible data: step faster the longer no match is found.
                    ip += skip++ >> 5;
                }
            }
        }
        if (nextEmit < block.Length) op = EmitLiteral(block[nextEmit..], dst, op);
        return op;
    }

    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> dst, int op)
    {
        if (literal.IsEmpty) return op;
        int n = literal.Length - 1;
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
