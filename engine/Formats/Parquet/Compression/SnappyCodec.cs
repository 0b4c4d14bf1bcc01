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

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int pos = 0;
        ulong declared = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (pos >= source.Length || shift > 28) throw Corrupt("bad length preamble");
            byte b = source[pos++];
            declared |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
        }
        if (declared != (ulong)destination.Length)
            throw Corrupt($"it holds {declared} bytes but the page header says {destination.Length}");

        int op = 0;
        while (pos < source.Length)
        {
            byte tag = source[pos++];
            int length, offset;
            switch (tag & 3)
            {
                case 0:
                    length = tag >> 2;
                    if (length >= 60)
                    {
                        int extra = length - 59;
                        if (pos + extra > source.Length) throw Corrupt("literal length past the end");
                        length = 0;
                        for (int i = 0; i < extra; i++) length |= source[pos + i] << (8 * i);
                        pos += extra;
                        if (length < 0) throw Corrupt("literal length overflows");
                    }
                    length += 1;
                    if (length > source.Length - pos || length > destination.Length - op) throw Corrupt("literal past the end");
                    source.Slice(pos, length).CopyTo(destination[op..]);
                    pos += length;
                    op += length;
                    continue;
                case 1:
                    if (pos >= source.Length) throw Corrupt("copy past the end");
                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | source[pos++];
                    break;
                case 2:
                    if (pos + 2 > source.Length) throw Corrupt("copy past the end");
                    length = (tag >> 2) + 1;
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(source[pos..]);
                    pos += 2;
                    break;
                default:
                    if (pos + 4 > source.Length) throw Corrupt("copy past the end");
                    length = (tag >> 2) + 1;
                    offset = BinaryPrimitives.ReadInt32LittleEndian(source[pos..]);
                    pos += 4;
                    break;
            }
            if (offset <= 0 || offset > op) throw Corrupt($"copy offset {offset} at output position {op}");
            if (length > destination.Length - op) throw Corrupt("copy past the end of the output");
            CopyMatch(destination, op, offset, length);
            op += length;
        }
        if (op != destination.Length) throw Corrupt($"it produced {op} bytes, expected {destination.Length}");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyMatch(Span<byte> output, int op, int offset, int length)
    {
        if (offset >= length)
        {
            output.Slice(op - offset, length).CopyTo(output.Slice(op, length));
            return;
        }
        // Overlapping: the pattern repeats every `offset` bytes.
        for (int i = 0; i < length; i++) output[op + i] = output[op - offset + i];
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
