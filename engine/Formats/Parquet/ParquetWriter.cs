using System.Buffers.Binary;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Thrift;
using Kindling.Formats.Parquet.Writer;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet;

/// <summary>
/// Writes column batches as one Parquet file to any writable stream, without seeking: batches are
/// buffered into row groups of at most <see cref="ParquetWriteOptions.RowGroupRows"/> rows, columns
/// are encoded in parallel, and <see cref="Dispose"/> writes the footer.
/// </summary>
internal sealed class ParquetWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly Stream _output;
    private readonly Schema _schema;
    private readonly ParquetWriteOptions _options;
    private readonly ColumnChunkWriter[] _columns;
    private readonly MemoryStream[] _chunkBuffers;
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
        // Reused across row groups: fresh memory is costly to fault in.
        _chunkBuffers = [.. _columns.Select(_ => new MemoryStream())];
        _output.Write(Magic);
        _position = Magic.Length;
    }

    public void WriteBatch(ColumnBatch batch)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
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

    private void FlushRowGroup()
    {
        if (_pendingRows == 0 && _rowGroups.Count > 0) return;
        long groupStart = _position;
        // Encode every column in parallel into memory, then append them in schema order.
        var encoded = new (MemoryStream Bytes, ColumnMetaData Meta)[_columns.Length];
        Parallel.For(0, _columns.Length, c =>
        {
            var vectors = new ColumnVector[_pending.Count];
            for (int b = 0; b < vectors.Length; b++) vectors[b] = _pending[b][c];
            var buffer = _chunkBuffers[c];
            buffer.SetLength(0);
            long local = 0;
            var meta = _columns[c].Write(buffer, ref local, vectors);
            encoded[c] = (buffer, meta);
        });

        var group = new RowGroup { NumRows = _pendingRows, FileOffset = groupStart };
        foreach (var (bytes, meta) in encoded)
        {
            long shift = _position;
            meta.DataPageOffset += shift;
            if (meta.DictionaryPageOffset is not null) meta.DictionaryPageOffset += shift;
            bytes.Position = 0;
            bytes.CopyTo(_output);
            _position += bytes.Length;
            group.Columns.Add(meta);
            group.TotalByteSize += meta.TotalUncompressedSize;
        }
        group.TotalCompressedSize = _position - groupStart;
        _rowGroups.Add(group);
        _totalRows += _pendingRows;
        _pending.Clear();
        _pendingRows = 0;
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        if (_pendingRows > 0) FlushRowGroup();
        var metadata = new FileMetaData
        {
            Version = 1,
            NumRows = _totalRows,
            RowGroups = _rowGroups,
            CreatedBy = _options.CreatedBy,
            Schema = [new SchemaElement { Name = "spark_schema", NumChildren = _schema.Count }, .. _columns.Select(c => c.Element)],
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
