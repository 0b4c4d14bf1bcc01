using System.Runtime.InteropServices;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet.Compression;

/// <summary>Parquet ZSTD through the system's libzstd.so.1 (present on Debian, Ubuntu and Amazon Linux).</summary>
internal sealed unsafe class ZstdCodec : ICompressionCodec
{
    public static readonly ZstdCodec Instance = new();

    private const string Library = "libzstd.so.1";
    private const int Level = 3; // zstd's own default, as Spark and DuckDB use

    [DllImport(Library)] private static extern nuint ZSTD_compressBound(nuint srcSize);
    [DllImport(Library)] private static extern nuint ZSTD_compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level);
    [DllImport(Library)] private static extern nuint ZSTD_decompress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize);
    [DllImport(Library)] private static extern uint ZSTD_isError(nuint code);
    [DllImport(Library)] private static extern byte* ZSTD_getErrorName(nuint code);

    public CompressionCodec Codec => CompressionCodec.Zstd;

    public int MaxCompressedLength(int uncompressedLength) => checked((int)ZSTD_compressBound((nuint)uncompressedLength));

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* s = source)
        fixed (byte* d = destination)
        {
            nuint written = ZSTD_compress(d, (nuint)destination.Length, s, (nuint)source.Length, Level);
            if (ZSTD_isError(written) != 0) throw new InvalidOperationException($"zstd compression failed: {Error(written)}");
            return (int)written;
        }
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* s = source)
        fixed (byte* d = destination)
        {
            nuint written = ZSTD_decompress(d, (nuint)destination.Length, s, (nuint)source.Length);
            if (ZSTD_isError(written) != 0) throw new InvalidDataException($"corrupt zstd data: {Error(written)}");
            if (written != (nuint)destination.Length)
                throw new InvalidDataException($"corrupt zstd data: {written} bytes instead of the {destination.Length} the page header says");
        }
    }

    private static string Error(nuint code) => Marshal.PtrToStringAnsi((IntPtr)ZSTD_getErrorName(code)) ?? "unknown error";
}
