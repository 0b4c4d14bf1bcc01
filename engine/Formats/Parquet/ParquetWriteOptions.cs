using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet;

/// <summary>How a Parquet file is written. Defaults match Spark's: snappy, dictionary on, data page v1.</summary>
internal sealed record ParquetWriteOptions
{
    public CompressionCodec Codec { get; init; } = CompressionCodec.Snappy;

    /// <summary>At most this many rows per row group (DATA-CONTRACT: 1,048,576).</summary>
    public int RowGroupRows { get; init; } = 1 << 20;

    /// <summary>Target encoded size of a data page.</summary>
    public int PageBytes { get; init; } = 1 << 20;

    public bool UseDictionary { get; init; } = true;

    /// <summary>A column chunk whose dictionary grows past this falls back to PLAIN.</summary>
    public int DictionaryLimitBytes { get; init; } = 1 << 20;

    public bool DataPageV2 { get; init; }

    public string CreatedBy { get; init; } = "Kindling version 0.1.0";

    /// <summary>Extra key-value metadata; Spark's row schema is always added.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> KeyValueMetadata { get; init; } = [];
}
