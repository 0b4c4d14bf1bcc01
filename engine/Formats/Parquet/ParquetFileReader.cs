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

    private readonly IRandomAccessSource _source;
    private readonly ParquetColumn[] _columns;
    // Per column, readers whose buffers stay warm across row groups (two row groups may be in flight).
    private System.Collections.Concurrent.ConcurrentBag<ColumnChunkReader>[] _readers = [];
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
            _readers = [.. _columns.Select(_ => new System.Collections.Concurrent.ConcurrentBag<ColumnChunkReader>())];
            Schema = new Schema([.. _columns.Select(c => new Field(c.Name, c.Type, c.MaxDefinitionLevel > 0))]);
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
            var e = metadata.Schema[index];
            if (e.NumChildren > 0 || e.Repetition == FieldRepetition.Repeated)
                ParquetThrow.NotSupported($"column '{e.Name}' is nested (a list, map or struct); nested columns are not supported yet — select the other columns or flatten it");
            columns.Add(ParquetColumn.From(columns.Count, e));
            index++;
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

    /// <summary>Reads the given columns (indices into <see cref="Schema"/>; all when null) of one row group.</summary>
    public ColumnBatch ReadRowGroup(int index, IReadOnlyList<int>? columns = null)
    {
        var selected = columns ?? [.. Enumerable.Range(0, _columns.Length)];
        var group = Metadata.RowGroups[index];
        var vectors = new ColumnVector[selected.Count];
        try
        {
            Parallel.For(0, selected.Count, i =>
            {
                int c = selected[i];
                var chunk = group.Columns[c];
                var (start, length) = ChunkRange(chunk);
                // Reused readers keep their buffers warm across row groups (fresh memory is costly to fault in).
                if (!_readers[c].TryTake(out var reader)) reader = new ColumnChunkReader(_columns[c]);
                try
                {
                    var bytes = reader.ChunkBuffer(checked((int)length));
                    _source.ReadExactly(start, bytes);
                    vectors[i] = reader.Read(bytes, chunk, (int)group.NumRows);
                }
                finally
                {
                    _readers[c].Add(reader);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(IsDataError))
        {
            throw Wrap(e.InnerExceptions[0]);
        }
        var schema = columns is null ? Schema : new Schema([.. selected.Select(c => Schema[c])]);
        return new ColumnBatch(schema, vectors, (int)group.NumRows);
    }

    /// <summary>
    /// Streams the row groups not ruled out by <paramref name="predicates"/>, one batch each, decoding
    /// the next row group while the caller works on the current one (at most two in memory).
    /// </summary>
    public IEnumerable<ColumnBatch> ReadBatches(IReadOnlyList<int>? columns = null, IReadOnlyList<ParquetPredicate>? predicates = null)
    {
        var groups = Enumerable.Range(0, RowGroupCount).Where(g => predicates is null || RowGroupMayMatch(g, predicates)).ToArray();
        Task<ColumnBatch>? next = null;
        try
        {
            for (int k = 0; k < groups.Length; k++)
            {
                var current = next ?? Task.Run(() => ReadRowGroup(groups[k], columns));
                int following = k + 1;
                next = following < groups.Length ? Task.Run(() => ReadRowGroup(groups[following], columns)) : null;
                yield return Await(current);
            }
        }
        finally
        {
            // An abandoned enumeration still waits for the read in flight, so nothing outlives the reader.
            if (next is not null) try { next.Wait(); } catch (AggregateException) { }
        }
    }

    private static ColumnBatch Await(Task<ColumnBatch> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            throw e.InnerExceptions[0];
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
