using Kindling.Execution;
using Kindling.Vectors;

namespace Kindling.Formats;

/// <summary>A file format that the DataFrame reader and writer can use (csv, json, text, parquet).</summary>
internal interface IFileFormat
{
    string Name { get; }

    Schema InferSchema(IReadOnlyList<string> files, FormatOptions options);

    /// <summary>Reads one file; batches hold only <paramref name="requiredColumns"/> (indices into <paramref name="dataSchema"/>, in that order), or every column when null.</summary>
    IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, FormatOptions options, QueryContext context);

    /// <summary>
    /// Reads one file, free to skip data that cannot satisfy <paramref name="filters"/> (their conjunction).
    /// Formats without statistics ignore them; the filter above the scan keeps the result exact.
    /// </summary>
    IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, FormatOptions options, QueryContext context, IReadOnlyList<ScanPredicate> filters) =>
        Read(file, dataSchema, requiredColumns, options, context);

    void Write(Stream output, Schema schema, IEnumerable<ColumnBatch> batches, FormatOptions options);

    /// <summary>Rejects, before anything is written, columns whose types the format cannot hold.</summary>
    void CheckWritable(Schema schema)
    {
    }

    /// <summary>The part files' extension, for example <c>.csv</c> or <c>.snappy.parquet</c>.</summary>
    string FileExtension(FormatOptions options);
}
