using System.Buffers.Binary;
using Kindling.Formats.Parquet.Encodings;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Thrift;
using Kindling.Formats.Parquet.Writer;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet;

/// <summary>
/// Writes column batches as one Parquet file to any writable stream, without seeking: batches are
/// buffered into row groups of at most <see cref="ParquetWriteOptions.RowGroupRows"/> rows, each column
/// of a row group is encoded by its own task, and <see cref="Dispose"/> writes the footer. Two row groups
/// may be encoding at once: the next one's columns start before the previous one is appended, so no core
/// idles while the last column of a row group finishes.
/// </summary>
internal sealed class ParquetWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly Stream _output;
    private readonly Schema _schema;
    private readonly ParquetWriteOptions _options;
    private readonly ColumnChunkWriter[] _columns;
    // Two sets of column writers and chunk buffers, one per row group in flight; reused, as fresh memory is
    // costly to fault in.
    private readonly ColumnChunkWriter[]?[] _writerSets; // the second set is made at the second row group
    private readonly ByteBuffer[]?[] _bufferSets;
    private int _nextSet;
    private Task<EncodedChunk[]>? _inFlight;
    private int _inFlightRows;
    private bool _failed;
    private readonly List<ColumnBatch> _pending = [];
    private readonly List<RowGroup> _rowGroups = [];
    private int _pendingRows;
    private long _position;
    private long _totalRows;
    private bool _closed;

    public ParquetWriter(Stream output, Schema schema, ParquetWriteOptions? options = null)
    {
        _output = output;
        _schema = schema;
        _options = options ?? new ParquetWriteOptions();
        if (_options.RowGroupRows < 1) throw new ArgumentOutOfRangeException(nameof(options), "RowGroupRows must be positive");
        _columns = [.. schema.Fields.Select(f => new ColumnChunkWriter(f, _options))];
        _writerSets = [_columns, null];
        _bufferSets = [[.. _columns.Select(_ => new ByteBuffer(1 << 16))], null];
        _output.Write(Magic);
        _position = Magic.Length;
    }

    public void WriteBatch(ColumnBatch batch)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_failed) throw new InvalidOperationException("an earlier row group of this Parquet file failed to encode");
        if (batch.Schema.Count != _schema.Count)
            throw new ArgumentException($"batch has {batch.Schema.Count} columns, the file's schema {_schema.Count}");
        int offset = 0;
        while (offset < batch.RowCount)
        {
            int take = Math.Min(batch.RowCount - offset, _options.RowGroupRows - _pendingRows);
            _pending.Add(offset == 0 && take == batch.RowCount ? batch : Slice(batch, offset, take));
            _pendingRows += take;
            offset += take;
            if (_pendingRows == _options.RowGroupRows) FlushRowGroup();
        }
    }

    private static ColumnBatch Slice(ColumnBatch batch, int offset, int count)
    {
        var indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = offset + i;
        var columns = new ColumnVector[batch.ColumnCount];
        for (int c = 0; c < columns.Length; c++) columns[c] = VectorTake.Take(batch[c], indices);
        return new ColumnBatch(batch.Schema, columns, count);
    }

    /// <summary>One encoded column chunk: its bytes (positions relative to the chunk's start) and metadata.</summary>
    private readonly record struct EncodedChunk(ByteBuffer Bytes, ColumnMetaData Meta);

    /// <summary>Starts encoding the pending rows as a row group, then appends the row group before it.</summary>
    private void FlushRowGroup()
    {
        if (_pendingRows == 0 && (_rowGroups.Count > 0 || _inFlight is not null)) return;
        ColumnBatch[] batches = [.. _pending];
        int rows = _pendingRows;
        _pending.Clear();
        _pendingRows = 0;
        ColumnChunkWriter[] writers = _writerSets[_nextSet] ??= [.. _schema.Fields.Select(f => new ColumnChunkWriter(f, _options))];
        ByteBuffer[] buffers = _bufferSets[_nextSet] ??= [.. _columns.Select(_ => new ByteBuffer(1 << 16))];
        _nextSet ^= 1; // free again: the row group that used it was appended at the previous flush
        var columns = new Task<EncodedChunk>[writers.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            int column = c;
            columns[c] = Task.Run(() => EncodeColumn(writers[column], buffers[column], batches, column));
        }
        (Task<EncodedChunk[]>? previous, int previousRows) = (_inFlight, _inFlightRows);
        (_inFlight, _inFlightRows) = (Task.WhenAll(columns), rows);
        Append(previous, previousRows);
    }

    private static EncodedChunk EncodeColumn(ColumnChunkWriter writer, ByteBuffer buffer, ColumnBatch[] batches, int column)
    {
        var vectors = new ColumnVector[batches.Length];
        for (int b = 0; b < vectors.Length; b++) vectors[b] = batches[b][column];
        buffer.Clear();
        ColumnMetaData meta = writer.Write(buffer, vectors);
        return new EncodedChunk(buffer, meta);
    }

    /// <summary>Waits for a row group's encoding, if any, and appends its chunks in schema order.</summary>
    private void Append(Task<EncodedChunk[]>? encoding, int rows)
    {
        if (encoding is null) return;
        EncodedChunk[] chunks;
        try
        {
            chunks = encoding.GetAwaiter().GetResult();
        }
        catch
        {
            _failed = true; // the file cannot be completed: Dispose writes no footer
            throw;
        }
        long groupStart = _position;
        var group = new RowGroup { NumRows = rows, FileOffset = groupStart };
        foreach (var (bytes, meta) in chunks)
        {
            long shift = _position;
            meta.DataPageOffset += shift;
            if (meta.DictionaryPageOffset is not null) meta.DictionaryPageOffset += shift;
            _output.Write(bytes.Written);
            _position += bytes.Length;
            group.Columns.Add(meta);
            group.TotalByteSize += meta.TotalUncompressedSize;
        }
        group.TotalCompressedSize = _position - groupStart;
        _rowGroups.Add(group);
        _totalRows += rows;
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            if (_failed) return;
            if (_pendingRows > 0) FlushRowGroup();
            (Task<EncodedChunk[]>? last, int rows) = (_inFlight, _inFlightRows);
            _inFlight = null;
            Append(last, rows);
            WriteFooter();
        }
        finally
        {
            ReleaseScratch();
        }
    }

    /// <summary>Once no encoding is running (a failed file may still have one), gives every scratch array back to the pool.</summary>
    private void ReleaseScratch()
    {
        try { _inFlight?.Wait(); } catch (AggregateException) { } // its error was, or will not be, reported
        _inFlight = null;
        foreach (var writers in _writerSets)
            foreach (var writer in writers ?? []) writer.Release();
        foreach (var buffers in _bufferSets)
            foreach (var buffer in buffers ?? []) buffer.Release();
    }

    private void WriteFooter()
    {
        var metadata = new FileMetaData
        {
            Version = 1,
            NumRows = _totalRows,
            RowGroups = _rowGroups,
            CreatedBy = _options.CreatedBy,
            Schema = [new SchemaElement { Name = "spark_schema", NumChildren = _schema.Count }, .. _columns.SelectMany(c => c.SchemaElements)],
            KeyValueMetadata = [new(ParquetSchemaMapping.SparkSchemaKey, ParquetSchemaMapping.SparkSchemaJson(_schema)),
                .. _options.KeyValueMetadata.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))],
        };
        var writer = new ThriftCompactWriter();
        metadata.Write(writer);
        _output.Write(writer.Written);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, writer.Written.Length);
        _output.Write(length);
        _output.Write(Magic);
        _output.Flush();
    }
}
