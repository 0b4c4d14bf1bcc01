using Kindling.Execution;
using Kindling.Execution.Operators.Scan;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet;

/// <summary>
/// The parquet data source: Spark's reader and writer options over <see cref="ParquetFileReader"/> and
/// <see cref="ParquetWriter"/>. Columns are matched by name (case-insensitive, as Spark does); a column
/// of the requested schema that a file lacks reads as nulls, so files written before a column was added
/// still read.
/// </summary>
internal sealed class ParquetFileFormat : IFileFormat
{
    public string Name => "parquet";

    /// <summary>Spark's default: the schema of one file's footer (Spark's mergeSchema=false).</summary>
    public Schema InferSchema(IReadOnlyList<string> files, FormatOptions options)
    {
        if (files.Count == 0) throw new ArgumentException("Unable to infer schema for Parquet: no files. It must be specified manually.");
        using var reader = ParquetFileReader.Open(files[0]);
        return reader.Schema;
    }

    public IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, FormatOptions options, QueryContext context) =>
        Read(file, dataSchema, requiredColumns, options, context, []);

    /// <summary>Row groups whose statistics rule out any of <paramref name="filters"/> are skipped.</summary>
    public IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, FormatOptions options, QueryContext context, IReadOnlyList<ScanPredicate> filters)
    {
        using var reader = ParquetFileReader.Open(file);
        var wanted = requiredColumns ?? [.. Enumerable.Range(0, dataSchema.Count)];
        var outputFields = new Field[wanted.Count];
        var fileColumns = new List<int>(wanted.Count);
        var slotInFile = new int[wanted.Count]; // index into the read batch, or -1 for a column the file lacks
        for (int i = 0; i < wanted.Count; i++)
        {
            var field = dataSchema[wanted[i]];
            outputFields[i] = field;
            int c = reader.Schema.IndexOf(field.Name);
            if (c < 0)
            {
                slotInFile[i] = -1;
                continue;
            }
            var fileType = reader.Schema[c].Type;
            if (fileType != field.Type)
                throw new InvalidDataException(
                    $"{reader.Name}: column '{field.Name}' is {fileType} in the file but {field.Type} in the read schema (Parquet columns are not converted on read)");
            slotInFile[i] = fileColumns.Count;
            fileColumns.Add(c);
        }
        var outputSchema = new Schema(outputFields);
        var predicates = filters.Count == 0 ? null : filters.Select(ToParquet).ToList();
        foreach (var batch in reader.ReadBatches(fileColumns, predicates))
        {
            var vectors = new ColumnVector[wanted.Count];
            for (int i = 0; i < vectors.Length; i++)
                vectors[i] = slotInFile[i] >= 0 ? batch[slotInFile[i]] : ConstantVectors.Create(outputFields[i].Type, null, batch.RowCount);
            yield return new ColumnBatch(outputSchema, vectors, batch.RowCount);
        }
    }

    private static ParquetPredicate ToParquet(ScanPredicate p) => new(p.Column, p.Operator, p.Value);

    public void CheckWritable(Schema schema)
    {
        foreach (var field in schema.Fields) ParquetSchemaMapping.ToElements(field);
    }

    public void Write(Stream output, Schema schema, IEnumerable<ColumnBatch> batches, FormatOptions options)
    {
        using var writer = new ParquetWriter(output, schema, WriteOptions(options));
        foreach (var batch in batches) writer.WriteBatch(batch);
    }

    /// <summary>Spark's part-file naming: <c>.snappy.parquet</c>, <c>.zstd.parquet</c>, ... and <c>.parquet</c> uncompressed.</summary>
    public string FileExtension(FormatOptions options) => Codec(options) switch
    {
        CompressionCodec.Snappy => ".snappy.parquet",
        CompressionCodec.Gzip => ".gz.parquet",
        CompressionCodec.Zstd => ".zstd.parquet",
        CompressionCodec.Lz4Raw => ".lz4raw.parquet",
        _ => ".parquet",
    };

    /// <summary>Options: <c>compression</c> (Spark's names), <c>parquet.block.size.rows</c> (rows per row group) and <c>parquet.page.size</c>.</summary>
    internal static ParquetWriteOptions WriteOptions(FormatOptions options)
    {
        var defaults = new ParquetWriteOptions();
        return defaults with
        {
            Codec = Codec(options),
            RowGroupRows = options.GetInt("parquet.block.size.rows", defaults.RowGroupRows),
            PageBytes = options.GetInt("parquet.page.size", defaults.PageBytes),
            UseDictionary = options.GetBool("parquet.enable.dictionary", defaults.UseDictionary),
        };
    }

    private static CompressionCodec Codec(FormatOptions options)
    {
        string name = (options.Get("compression") ?? options.Get("parquet.compression") ?? "snappy").Trim().ToLowerInvariant();
        return name switch
        {
            "snappy" => CompressionCodec.Snappy,
            "gzip" => CompressionCodec.Gzip,
            "zstd" => CompressionCodec.Zstd,
            "lz4" or "lz4_raw" => CompressionCodec.Lz4Raw,
            "none" or "uncompressed" => CompressionCodec.Uncompressed,
            _ => throw new ArgumentException($"Parquet compression '{name}' is not supported. Use one of: none, uncompressed, snappy, gzip, zstd, lz4, lz4_raw."),
        };
    }
}
