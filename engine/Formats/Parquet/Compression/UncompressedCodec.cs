using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet.Compression;

/// <summary>The identity codec.</summary>
internal sealed class UncompressedCodec : ICompressionCodec
{
    public static readonly UncompressedCodec Instance = new();

    public CompressionCodec Codec => CompressionCodec.Uncompressed;

    public int MaxCompressedLength(int uncompressedLength) => uncompressedLength;

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != destination.Length)
            throw new InvalidDataException($"uncompressed page holds {source.Length} bytes but its header says {destination.Length}");
        source.CopyTo(destination);
    }
}
