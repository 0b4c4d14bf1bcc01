using System.Runtime.InteropServices;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet.Compression;

/// <summary>Parquet LZ4_RAW (the LZ4 block format, no framing) through the system's liblz4.so.1.</summary>
internal sealed unsafe class Lz4RawCodec : ICompressionCodec
{
    public static readonly Lz4RawCodec Instance = new();

    private const string Library = "liblz4.so.1";

    [DllImport(Library)] private static extern int LZ4_compressBound(int inputSize);
    [DllImport(Library)] private static extern int LZ4_compress_default(byte* src, byte* dst, int srcSize, int dstCapacity);
    [DllImport(Library)] private static extern int LZ4_decompress_safe(byte* src, byte* dst, int compressedSize, int dstCapacity);

    public CompressionCodec Codec => CompressionCodec.Lz4Raw;

    public int MaxCompressedLength(int uncompressedLength) => LZ4_compressBound(uncompressedLength);

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* s = source)
        fixed (byte* d = destination)
        {
            int written = LZ4_compress_default(s, d, source.Length, destination.Length);
            if (written <= 0 && source.Length > 0) throw new InvalidOperationException("lz4 compression failed");
            return written;
        }
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* s = source)
        fixed (byte* d = destination)
        {
            int written = LZ4_decompress_safe(s, d, source.Length, destination.Length);
            if (written != destination.Length)
                throw new InvalidDataException($"corrupt lz4 data: {(written < 0 ? "malformed block" : $"{written} bytes instead of {destination.Length}")}");
        }
    }
}
