using Kindling.Execution;
using Kindling.Vectors;

namespace Kindling.Formats.Csv;

/// <summary>The csv data source: Spark's CSV reader and writer options over <see cref="CsvFileReader"/> and <see cref="CsvWriter"/>.</summary>
internal sealed class CsvFileFormat : IFileFormat
{
    public string Name => "csv";

    public Schema InferSchema(IReadOnlyList<string> files, FormatOptions options) =>
        CsvSchemaInference.Infer(files, CsvReadOptions.From(options));

    public IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, FormatOptions options, QueryContext context) =>
        CsvFileReader.Read(file, dataSchema, requiredColumns, CsvReadOptions.From(options), context);

    /// <summary>Reads with already-parsed options (tests, benchmarks, and callers that set <see cref="CsvReadOptions.ChunkSize"/>).</summary>
    public static IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, CsvReadOptions options, QueryContext context) =>
        CsvFileReader.Read(file, dataSchema, requiredColumns, options, context);

    /// <summary>Spark's CSV source holds atomic types only.</summary>
    public void CheckWritable(Schema schema)
    {
        foreach (var field in schema.Fields)
            if (field.Type.Kind == TypeKind.Array) CsvThrow.UnsupportedNestedType(field.Name, field.Type.ToString());
    }

    public void Write(Stream output, Schema schema, IEnumerable<ColumnBatch> batches, FormatOptions options) =>
        CsvWriter.Write(output, schema, batches, CsvWriteOptions.From(options));

    public string FileExtension(FormatOptions options) => ".csv";
}
