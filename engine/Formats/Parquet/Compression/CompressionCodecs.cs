using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet.Compression;

/// <summary>Finds the implementation of a codec named in a file or chosen by a writer.</summary>
internal static class CompressionCodecs
{
    public static ICompressionCodec Get(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Uncompressed => UncompressedCodec.Instance,
        CompressionCodec.Snappy => SnappyCodec.Instance,
        CompressionCodec.Gzip => GzipCodec.Instance,
        CompressionCodec.Zstd => ZstdCodec.Instance,
        CompressionCodec.Lz4Raw => Lz4RawCodec.Instance,
        _ => throw new NotSupportedException($"Parquet compression codec {codec} is not supported"),
    };

    /// <summary>Parses a writer option such as <c>snappy</c>, <c>zstd</c> or <c>none</c> (Spark's names).</summary>
    public static CompressionCodec Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "none" or "uncompressed" => CompressionCodec.Uncompressed,
        "snappy" => CompressionCodec.Snappy,
        "gzip" => CompressionCodec.Gzip,
        "zstd" => CompressionCodec.Zstd,
        "lz4_raw" or "lz4raw" => CompressionCodec.Lz4Raw,
        _ => throw new ArgumentException($"Unknown Parquet compression '{name}'. Valid: none, uncompressed, snappy, gzip, zstd, lz4_raw."),
    };
}
