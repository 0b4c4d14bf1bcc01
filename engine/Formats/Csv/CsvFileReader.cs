using System.Buffers;
using System.Text;
using Kindling.Execution;
using Kindling.Formats.IO;
using Kindling.Vectors;

namespace Kindling.Formats.Csv;

/// <summary>
/// Reads one CSV file into batches. Without multiLine, a file larger than one chunk is split at line
/// feeds into chunks that are tokenized and decoded on all cores, and yielded in file order with a
/// bounded read-ahead; each chunk counts its lines so error line numbers stay exact. With multiLine (or
/// a small file) one thread streams the file through a sliding buffer.
/// </summary>
internal static class CsvFileReader
{
    private const int MinParallelFileBytes = 4 << 20;

    private sealed record ChunkResult(List<ColumnBatch> Batches, List<List<RecordError>> Errors, long Lines);

    public static IEnumerable<ColumnBatch> Read(string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, CsvReadOptions options, QueryContext context)
    {
        var decoder = new CsvBatchDecoder(options, dataSchema, requiredColumns);
        int batchSize = Math.Max(1, context.BatchSize);
        var (dataStart, headerLines) = ReadHeader(file, options, decoder.TokenColumnCount, out var header);
        if (header is not null && !options.EnforceSchema) CheckHeader(file, header, decoder.TokenNames);
        long length = new FileInfo(file).Length;
        bool parallel = !options.MultiLine && context.DegreeOfParallelism > 1
            && (length - dataStart >= MinParallelFileBytes || (options.ChunkSize > 0 && length - dataStart > options.ChunkSize));
        return parallel
            ? ReadParallel(file, dataStart, headerLines, length, dataSchema, requiredColumns, options, context, batchSize)
            : ReadSequential(file, dataStart, headerLines, decoder, options, context, (int)Math.Clamp((length - dataStart) / 8 + 16, 16, batchSize));
    }

    /// <summary>Skips a UTF-8 byte order mark and, with header=true, the first record; returns where data starts.</summary>
    private static (long Start, long Lines) ReadHeader(string file, CsvReadOptions options, int columns, out List<string>? header)
    {
        header = null;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        int size = 64 * 1024;
        while (true)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                stream.Position = 0;
                int read = stream.ReadAtLeast(buffer.AsSpan(0, size), size, throwOnEndOfStream: false);
                bool eof = read < size;
                int start = read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
                if (!options.Header) return (start, 0);
                var tokenizer = new CsvTokenizer(options);
                using var rows = new CsvRowBuffer(1, Math.Max(columns, 1024));
                long line = 0;
                int consumed = tokenizer.Tokenize(buffer.AsSpan(0, read), start, eof, rows, ref line);
                if (rows.RowCount == 1)
                {
                    header = new List<string>();
                    var data = buffer.AsSpan(0, read);
                    for (int f = 0; f < Math.Min(rows.RowFieldCounts[0], rows.ColumnCount); f++)
                        header.Add(Encoding.UTF8.GetString(Unquote(data[rows.FieldStarts[f]..rows.FieldEnds[f]], options.Quote)));
                    return (consumed, line);
                }
                if (eof) return (read, line);
                if (size >= LineChunker.MaxLineBytes) CsvThrow.RecordTooLarge(file, 0, size);
                size *= 4;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Header names: outer quotes removed and doubled quotes collapsed (names rarely need more).</summary>
    internal static byte[] Unquote(ReadOnlySpan<byte> field, byte quote)
    {
        if (quote != 0 && field.Length >= 2 && field[0] == quote && field[^1] == quote)
        {
            field = field[1..^1];
            var result = new List<byte>(field.Length);
            for (int i = 0; i < field.Length; i++)
            {
                result.Add(field[i]);
                if (field[i] == quote && i + 1 < field.Length && field[i + 1] == quote) i++;
            }
            return [.. result];
        }
        return field.ToArray();
    }

    private static void CheckHeader(string file, List<string> header, IReadOnlyList<string> expected)
    {
        bool ok = header.Count == expected.Count;
        for (int i = 0; ok && i < header.Count; i++)
            ok = string.Equals(header[i], expected[i], StringComparison.OrdinalIgnoreCase);
        if (!ok) CsvThrow.HeaderMismatch(file, expected, header);
    }

    /// <param name="batchSize">Rows per batch; for small files a bound derived from the size so that the row buffer stays small.</param>
    private static IEnumerable<ColumnBatch> ReadSequential(string file, long dataStart, long headerLines, CsvBatchDecoder decoder, CsvReadOptions options, QueryContext context, int batchSize)
    {
        using var rows = new CsvRowBuffer(batchSize, decoder.TokenColumnCount);
        using var stream = new CsvRowStream(file, dataStart, headerLines, options, rows);
        var errors = new List<RecordError>();
        while (true)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (!stream.Next()) yield break;
            errors.Clear();
            var batch = decoder.Decode(stream.Data, rows, file, errors);
            Report(errors, 0, options);
            yield return batch;
        }
    }

    private static IEnumerable<ColumnBatch> ReadParallel(string file, long dataStart, long headerLines, long length, Schema dataSchema, IReadOnlyList<int>? requiredColumns, CsvReadOptions options, QueryContext context, int batchSize)
    {
        int chunkSize = options.ChunkSize > 0 ? options.ChunkSize : LineChunker.ChooseChunkSize(length - dataStart, context.DegreeOfParallelism);
        var results = OrderedParallel.Map(
            LineChunker.Read(file, dataStart, chunkSize),
            chunk => ParseChunk(chunk, file, dataSchema, requiredColumns, options, batchSize),
            context.DegreeOfParallelism + 1,
            context.Cancellation);
        long lineBase = headerLines;
        foreach (var result in results)
        {
            for (int i = 0; i < result.Batches.Count; i++)
            {
                Report(result.Errors[i], lineBase, options);
                yield return result.Batches[i];
            }
            lineBase += result.Lines;
        }
    }

    private static ChunkResult ParseChunk(LineChunk chunk, string file, Schema dataSchema, IReadOnlyList<int>? requiredColumns, CsvReadOptions options, int batchSize)
    {
        using (chunk)
        {
            var decoder = new CsvBatchDecoder(options, dataSchema, requiredColumns);
            var tokenizer = new CsvTokenizer(options);
            using var rows = new CsvRowBuffer(batchSize, decoder.TokenColumnCount);
            var batches = new List<ColumnBatch>();
            var errors = new List<List<RecordError>>();
            ReadOnlySpan<byte> data = chunk.Data;
            long line = 0;
            int pos = 0;
            while (pos < data.Length)
            {
                pos = tokenizer.Tokenize(data, pos, isFinal: true, rows, ref line);
                if (rows.RowCount == 0) break;
                var batchErrors = new List<RecordError>();
                batches.Add(decoder.Decode(data, rows, file, batchErrors));
                errors.Add(batchErrors);
                // FAILFAST stops at the first malformed record; the consumer throws when it gets there.
                if (batchErrors.Count > 0 && options.Mode == ParseMode.FailFast) break;
            }
            return new ChunkResult(batches, errors, line);
        }
    }

    /// <summary>Hands errors (lines relative to <paramref name="lineBase"/>, 0-based) to the sink in order; throws the first in FAILFAST.</summary>
    private static void Report(List<RecordError> errors, long lineBase, CsvReadOptions options)
    {
        foreach (var e in errors)
        {
            var error = e with { Line = lineBase + e.Line + 1 };
            options.RecordErrorSink?.Invoke(error);
            if (options.Mode == ParseMode.FailFast)
                CsvThrow.MalformedRecord(error.File, error.Line, error.Column, error.RawText, error.Reason);
        }
    }
}
