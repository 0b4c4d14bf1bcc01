namespace Kindling.Kernels.Sorting;

/// <summary>
/// Appends batches to one spill file (<see cref="SpillFile"/>'s format) as they come, for operators that
/// spill a little at a time; disposing ends the file, so <see cref="SpillFile.Read"/> can read it back.
/// </summary>
internal sealed class SpillWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;
    private bool _ended;

    public SpillWriter(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _writer = new BinaryWriter(_stream);
    }

    private long _length;

    /// <summary>Bytes written so far (all of them once disposed).</summary>
    public long Length => _ended ? _length : _stream.Position;

    public void Append(Vectors.ColumnBatch batch) => SpillFile.WriteBatch(_writer, batch);

    public void Dispose()
    {
        if (_ended) return;
        _ended = true;
        try
        {
            _writer.Write(-1);
            _writer.Flush();
            _length = _stream.Position;
        }
        finally { _writer.Dispose(); }
    }
}
