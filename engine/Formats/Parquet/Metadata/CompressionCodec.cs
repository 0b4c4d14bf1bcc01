namespace Kindling.Formats.Parquet.Metadata;

/// <summary>Parquet's compression codecs, numbered as in parquet.thrift's <c>CompressionCodec</c>.</summary>
internal enum CompressionCodec
{
    Uncompressed = 0,
    Snappy = 1,
    Gzip = 2,
    Lzo = 3,
    Brotli = 4,
    /// <summary>Deprecated Hadoop-framed LZ4; readers may reject it.</summary>
    Lz4 = 5,
    Zstd = 6,
    Lz4Raw = 7,
}
