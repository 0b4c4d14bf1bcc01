using System.Buffers.Binary;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Reader;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet;

/// <summary>
/// Reads a Parquet file through a random-access source: the footer once, then the requested columns
/// of each row group that its statistics do not rule out, decoded in parallel straight into vectors.
/// Corrupt input raises <see cref="InvalidDataException"/> naming the file.
/// </summary>
internal sealed class ParquetFileReader : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>The most rows a row group may have: 64 Mi, far above any writer's default (Spark and ours: 1 Mi).</summary>
    public const long MaxRowGroupRows = 64L << 20;

    /// <summary>
    /// Rows per scan batch: 8,192 eight-byte values are 64 KiB, under the GC's large-object threshold, so
    /// output arrays come from the young generation and are recycled while hot in cache. Larger batches
    /// land on the large-object heap, whose fresh pages cost a page fault each on first touch (measured:
    /// reading a 10M-row file took 0.5 s in 8,192-row batches and 0.7-1.1 s in 16K-64K-row batches).
    /// </summary>
    public const int DefaultBatchRows = 8192;

    private readonly IRandomAccessSource _source;
    private readonly ParquetColumn[] _columns;
    private readonly long _dataEnd;

    public ParquetFileReader(IRandomAccessSource source)
    {
        _source = source;
        try
        {
            long length = source.Length;
            if (length < 12) ParquetThrow.Corrupt($"{length} bytes is too short for a Parquet file");
            Span<byte> tail = stackalloc byte[8];
            source.ReadExactly(length - 8, tail);
            Span<byte> head = stackalloc byte[4];
            source.ReadExactly(0, head);
            if (!tail[4..].SequenceEqual(Magic) || !head.SequenceEqual(Magic))
                ParquetThrow.Corrupt("not a Parquet file (no PAR1 magic at its start and end)");
            int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
            if (footerLength <= 0 || footerLength > length - 12)
                ParquetThrow.Corrupt($"footer length {footerLength} does not fit in the {length}-byte file");
            var footer = new byte[footerLength];
            source.ReadExactly(length - 8 - footerLength, footer);
            Metadata = FileMetaData.Read(footer);
            _dataEnd = length - 8 - footerLength;
            _columns = ResolveColumns(Metadata);
            Schema = new Schema([.. _columns.Select(c => new Field(c.Name, c.Type, c.Nullable))]);
            Validate();
        }
        catch (Exception e) when (IsDataError(e))
        {
            source.Dispose();
            throw Wrap(e);
        }
    }

    public static ParquetFileReader Open(string path) => new(new LocalFileSource(path));

    public string Name => _source.Name;

    public FileMetaData Metadata { get; } = null!;

    public Schema Schema { get; } = null!;

    public IReadOnlyList<ParquetColumn> Columns => _columns;

    public int RowGroupCount => Metadata.RowGroups.Count;

    public long RowCount => Metadata.NumRows;

    private static ParquetColumn[] ResolveColumns(FileMetaData metadata)
    {
        if (metadata.Schema.Count == 0) ParquetThrow.Corrupt("the schema is empty");
        var root = metadata.Schema[0];
        if (root.NumChildren < 0 || root.NumChildren > metadata.Schema.Count - 1)
            ParquetThrow.Corrupt($"the root claims {root.NumChildren} children");
        var columns = new List<ParquetColumn>();
        int index = 1;
        for (int child = 0; child < root.NumChildren; child++)
        {
            if (index >= metadata.Schema.Count) ParquetThrow.Corrupt("the schema ends early");
            columns.Add(ParquetColumnResolver.Resolve(metadata.Schema, ref index, columns.Count));
        }
        if (index != metadata.Schema.Count) ParquetThrow.Corrupt("the schema has elements beyond its root's children");
        return [.. columns];
    }

    private void Validate()
    {
        if (Metadata.NumRows < 0) ParquetThrow.Corrupt($"negative row count {Metadata.NumRows}");
        long rows = 0;
        foreach (var group in Metadata.RowGroups)
        {
            if (group.Columns.Count != _columns.Length)
                ParquetThrow.Corrupt($"a row group has {group.Columns.Count} column chunks for {_columns.Length} columns");
            // A bound on what one row group may make the reader allocate (all-null or run-length columns
            // encode many rows in few bytes, so the byte size alone cannot bound it).
            if (group.NumRows is < 0 or > MaxRowGroupRows) ParquetThrow.Corrupt($"row group of {group.NumRows} rows (at most {MaxRowGroupRows} are read)");
            rows += group.NumRows;
            foreach (var chunk in group.Columns)
            {
                var (start, length) = ChunkRange(chunk);
                if (start < 4 || length < 0 || start + length > _dataEnd)
                    ParquetThrow.Corrupt($"column chunk at {start} of {length} bytes lies outside the data");
            }
        }
        if (rows != Metadata.NumRows) ParquetThrow.Corrupt($"row groups hold {rows} rows, the footer says {Metadata.NumRows}");
    }

    private static (long Start, long Length) ChunkRange(ColumnMetaData chunk)
    {
        long start = chunk.DictionaryPageOffset is > 0 and var d && d < chunk.DataPageOffset ? d : chunk.DataPageOffset;
        return (start, chunk.TotalCompressedSize);
    }

    /// <summary>Whether row group <paramref name="index"/> may hold rows matching every predicate.</summary>
    public bool RowGroupMayMatch(int index, IReadOnlyList<ParquetPredicate> predicates)
    {
        var group = Metadata.RowGroups[index];
        foreach (var p in predicates)
        {
            int column = Schema.IndexOf(p.Column);
            if (column >= 0 && !p.MayMatch(_columns[column], group.Columns[column], group.NumRows)) return false;
        }
        return true;
    }

    /// <summary>Reads the given columns (indices into <see cref="Schema"/>; all when null) of one row group as one batch.</summary>
    public ColumnBatch ReadRowGroup(int index, IReadOnlyList<int>? columns = null)
    {
        var selected = columns ?? [.. Enumerable.Range(0, _columns.Length)];
        var readers = selected.Select(c => new ColumnChunkReader(_columns[c])).ToArray();
        int rows = (int)Metadata.RowGroups[index].NumRows;
        BeginRowGroup(index, selected, readers);
        return rows == 0 ? new ColumnBatch(SchemaOf(columns, selected), [.. selected.Select(c => Kernels.Selection.VectorConcat.Empty(_columns[c].Type))], 0)
            : ReadWindow(selected, readers, rows, columns);
    }

    /// <summary>Batches decoded ahead of the caller, so that every worker finds a column to decode.</summary>
    private const int BatchesAhead = 4;

    /// <summary>
    /// Streams the row groups not ruled out by <paramref name="predicates"/> as batches of at most
    /// <paramref name="batchRows"/> rows, decoded ahead of the caller. Each column decodes its batches in
    /// order on a chain of tasks (its reader keeps its place in the chunk); the chains of different columns
    /// run in parallel with no barrier per batch. Memory stays at a few batches plus one row group's
    /// compressed chunks.
    /// </summary>
    public IEnumerable<ColumnBatch> ReadBatches(IReadOnlyList<int>? columns = null, IReadOnlyList<ParquetPredicate>? predicates = null, int batchRows = DefaultBatchRows)
    {
        var selected = columns ?? [.. Enumerable.Range(0, _columns.Length)];
        var schema = SchemaOf(columns, selected);
        var readers = selected.Select(c => new ColumnChunkReader(_columns[c])).ToArray();
        var chains = new Task[selected.Count];
        Array.Fill(chains, Task.CompletedTask);
        var ahead = new Queue<(ColumnVector[] Vectors, Task[] Parts, int Rows)>();
        try
        {
            foreach (var (group, firstOfGroup, rows) in Windows(predicates, Math.Max(1, batchRows)))
            {
                if (ahead.Count == BatchesAhead) yield return Complete(ahead.Dequeue(), schema);
                var vectors = new ColumnVector[selected.Count];
                var parts = new Task[selected.Count];
                for (int i = 0; i < parts.Length; i++)
                {
                    int slot = i;
                    parts[i] = chains[i] = chains[i].ContinueWith(previous =>
                    {
                        previous.GetAwaiter().GetResult(); // a failed batch fails the rest of its column
                        if (firstOfGroup) BeginChunk(group, selected[slot], readers[slot]);
                        vectors[slot] = readers[slot].ReadNext(rows);
                    }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }
                ahead.Enqueue((vectors, parts, rows));
            }
            while (ahead.Count > 0) yield return Complete(ahead.Dequeue(), schema);
        }
        finally
        {
            // An abandoned enumeration still waits for the decodes in flight, so nothing outlives the reader.
            try { Task.WaitAll(chains); } catch (AggregateException) { }
        }
    }

    /// <summary>The row groups to read as (group, whether the window starts it, rows) windows of at most <paramref name="batchRows"/>.</summary>
    private IEnumerable<(int Group, bool First, int Rows)> Windows(IReadOnlyList<ParquetPredicate>? predicates, int batchRows)
    {
        for (int g = 0; g < RowGroupCount; g++)
        {
            if (predicates is not null && !RowGroupMayMatch(g, predicates)) continue;
            int rows = (int)Metadata.RowGroups[g].NumRows;
            for (int start = 0; start < rows; start += batchRows)
                yield return (g, start == 0, Math.Min(batchRows, rows - start));
        }
    }

    private ColumnBatch Complete((ColumnVector[] Vectors, Task[] Parts, int Rows) window, Schema schema)
    {
        Guard(() => Task.WaitAll(window.Parts));
        return new ColumnBatch(schema, window.Vectors, window.Rows);
    }

    /// <summary>Reads column <paramref name="column"/>'s chunk of row group <paramref name="group"/> into the reader and starts it.</summary>
    private void BeginChunk(int group, int column, ColumnChunkReader reader)
    {
        var rowGroup = Metadata.RowGroups[group];
        var chunk = rowGroup.Columns[column];
        var (start, length) = ChunkRange(chunk);
        _source.ReadExactly(start, reader.ChunkBuffer(checked((int)length)));
        reader.Begin((int)length, chunk, (int)rowGroup.NumRows);
    }

    /// <summary>Reads the selected columns' chunks of a row group into their readers' buffers.</summary>
    private void BeginRowGroup(int index, IReadOnlyList<int> selected, ColumnChunkReader[] readers)
    {
        Guard(() => Parallel.For(0, selected.Count, i => BeginChunk(index, selected[i], readers[i])));
    }

    /// <summary>The next <paramref name="rows"/> rows of every selected column, decoded in parallel.</summary>
    private ColumnBatch ReadWindow(IReadOnlyList<int> selected, ColumnChunkReader[] readers, int rows, IReadOnlyList<int>? columns)
    {
        var vectors = new ColumnVector[selected.Count];
        Guard(() => Parallel.For(0, selected.Count, i => vectors[i] = readers[i].ReadNext(rows)));
        return new ColumnBatch(SchemaOf(columns, selected), vectors, rows);
    }

    private Schema SchemaOf(IReadOnlyList<int>? columns, IReadOnlyList<int> selected) =>
        columns is null ? Schema : new Schema([.. selected.Select(c => Schema[c])]);

    /// <summary>Runs parallel decoding, turning the errors corrupt input causes into one error naming the file.</summary>
    private void Guard(Action decode)
    {
        try
        {
            decode();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(IsDataError))
        {
            throw Wrap(e.InnerExceptions[0]);
        }
    }

    /// <summary>Errors that corrupt input can cause anywhere in decoding (including checked arithmetic and index checks).</summary>
    private static bool IsDataError(Exception e) => e is InvalidDataException or NotSupportedException or EndOfStreamException
        or OverflowException or IndexOutOfRangeException or ArgumentException or AggregateException;

    private Exception Wrap(Exception e)
    {
        if (e is AggregateException a) e = a.InnerExceptions[0];
        return e is NotSupportedException
            ? new NotSupportedException($"{_source.Name}: {e.Message}", e)
            : new InvalidDataException($"{_source.Name}: corrupt Parquet file: {e.Message}", e);
    }

    public void Dispose() => _source.Dispose();
}
