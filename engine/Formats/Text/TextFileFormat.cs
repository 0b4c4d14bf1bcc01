using System.Buffers;
using Kindling.Execution;
using Kindling.Formats.IO;
using Kindling.Vectors;

namespace Kindling.Formats.Text;

/// <summary>
/// Spark's text data source: each line becomes a row of one string column <c>value</c> (line ends \n,
/// \r\n or \r are removed; wholetext=true reads the whole file as one row). The writer writes a single
/// string column, one value a line (null as an empty line).
/// </summary>
internal sealed class TextFileFormat : IFileFormat
{
    public static readonly Schema ValueSchema = new([new Field("value", ColumnType.String)]);

    public string Name => "text";

    public Schema InferSchema(IReadOnlyList<string> files, FormatOptions options) => ValueSchema;

    public IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, FormatOptions options, QueryContext context)
    {
        if (dataSchema.Count != 1 || dataSchema[0].Type.Kind != TypeKind.String)
            throw new ArgumentException($"The text data source has a single string column; the schema {dataSchema} does not fit.");
        var outputSchema = requiredColumns is { Count: 0 } ? Schema.Empty : new Schema([dataSchema[0]]);
        int batchSize = Math.Max(1, context.BatchSize);
        if (options.GetBool("wholetext", false))
            return [Whole(file, outputSchema)];
        long length = new FileInfo(file).Length;
        int chunkSize = LineChunker.ChooseChunkSize(length, context.DegreeOfParallelism);
        return OrderedParallel.Map(LineChunker.Read(file, 0, chunkSize), chunk => SplitLines(chunk, outputSchema, batchSize), context.DegreeOfParallelism + 1, context.Cancellation)
            .SelectMany(batches => batches);
    }

    private static ColumnBatch Whole(string file, Schema outputSchema)
    {
        byte[] bytes = File.ReadAllBytes(file);
        if (outputSchema.Count == 0) return new ColumnBatch(outputSchema, [], 1);
        var builder = new StringVectorBuilder(ColumnType.String, 1, bytes.Length);
        builder.Append(bytes);
        return new ColumnBatch(outputSchema, [builder.Build()], 1);
    }

    private static List<ColumnBatch> SplitLines(LineChunk chunk, Schema outputSchema, int batchSize)
    {
        using (chunk)
        {
            var batches = new List<ColumnBatch>();
            ReadOnlySpan<byte> data = chunk.Data;
            var builder = new StringVectorBuilder(ColumnType.String, Math.Min(batchSize, 4096), Math.Min(data.Length, 1 << 20));
            int rows = 0;
            while (data.Length > 0)
            {
                int nl = data.IndexOfAny((byte)'\n', (byte)'\r');
                ReadOnlySpan<byte> line = nl < 0 ? data : data[..nl];
                int skip = nl < 0 ? data.Length : nl + (data[nl] == '\r' && nl + 1 < data.Length && data[nl + 1] == '\n' ? 2 : 1);
                data = data[skip..];
                if (outputSchema.Count > 0) builder.Append(line);
                rows++;
                if (rows == batchSize)
                {
                    batches.Add(Build(builder, outputSchema, rows));
                    rows = 0;
                }
            }
            if (rows > 0) batches.Add(Build(builder, outputSchema, rows));
            return batches;
        }
    }

    private static ColumnBatch Build(StringVectorBuilder builder, Schema outputSchema, int rows)
    {
        if (outputSchema.Count == 0) return new ColumnBatch(outputSchema, [], rows);
        var vector = builder.Build();
        builder.Reset();
        return new ColumnBatch(outputSchema, [vector], rows);
    }

    public void Write(Stream output, Schema schema, IEnumerable<ColumnBatch> batches, FormatOptions options)
    {
        if (schema.Count != 1 || schema[0].Type.Kind != TypeKind.String)
            throw new ArgumentException($"The text data source writes a single string column, but the data has columns {schema}; select one string column (for example with concat_ws).");
        byte[] lineSep = System.Text.Encoding.UTF8.GetBytes(options.Get("lineSep", "\n"));
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        foreach (var batch in batches)
        {
            var column = batch[0];
            for (int r = 0; r < batch.RowCount; r++)
            {
                if (!column.IsNull(r)) buffer.Write(column is StringVector s ? s.GetBytes(r) : System.Text.Encoding.UTF8.GetBytes((string)column.GetObject(r)!));
                buffer.Write(lineSep);
                if (buffer.WrittenCount >= 1 << 20)
                {
                    output.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }
        }
        output.Write(buffer.WrittenSpan);
    }

    public string FileExtension(FormatOptions options) => ".txt";
}
