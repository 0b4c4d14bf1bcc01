using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet.Compression;

/// <summary>
/// One Parquet page compression codec. Implementations are stateless and thread-safe.
/// </summary>
internal interface ICompressionCodec
{
    CompressionCodec Codec { get; }

    /// <summary>An upper bound on the compressed size of <paramref name="uncompressedLength"/> bytes.</summary>
    int MaxCompressedLength(int uncompressedLength);

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> (at least <see cref="MaxCompressedLength"/> long); returns the bytes written.</summary>
    int Compress(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>
    /// Decompresses <paramref name="source"/> into <paramref name="destination"/>, whose length is the
    /// page header's uncompressed size. Throws <see cref="InvalidDataException"/> when the input is
    /// corrupt or does not produce exactly that many bytes (never writes past the destination).
    /// </summary>
    void Decompress(ReadOnlySpan<byte> source, Span<byte> destination);
}
