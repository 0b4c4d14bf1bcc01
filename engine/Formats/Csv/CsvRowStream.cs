using System.Buffers;

namespace Kindling.Formats.Csv;

/// <summary>
/// Streams a CSV file through one pooled sliding buffer and tokenizes it a batch of rows at a time. The
/// unfinished row at the end of the buffer moves to the front before the next read; the buffer doubles
/// when a single record does not fit (multiLine records can be long). Single-threaded; used for
/// multiLine reads, small files and schema inference.
/// </summary>
internal sealed class CsvRowStream : IDisposable
{
    private readonly string _file;
    private readonly FileStream _stream;
    private readonly CsvTokenizer _tokenizer;
    private byte[] _buffer;
    private int _filled, _pos;
    private bool _eof;
    private long _line;

    public CsvRowStream(string file, long start, long startLine, CsvReadOptions options, CsvRowBuffer rows)
    {
        _file = file;
        _stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        _stream.Position = start;
        _tokenizer = new CsvTokenizer(options);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, options.StreamBufferSize));
        _line = startLine;
        Rows = rows;
    }

    public CsvRowBuffer Rows { get; }

    /// <summary>The bytes the current rows' positions refer to (valid until the next <see cref="Next"/>).</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, _filled);

    /// <summary>Tokenizes the next rows into <see cref="Rows"/>; false at the end of the file.</summary>
    public bool Next()
    {
        while (true)
        {
            if (_pos > 0)
            {
                _buffer.AsSpan(_pos, _filled - _pos).CopyTo(_buffer);
                _filled -= _pos;
                _pos = 0;
            }
            if (!_eof)
            {
                if (_filled == _buffer.Length)
                {
                    if (_buffer.Length >= IO.LineChunker.MaxLineBytes) CsvThrow.RecordTooLarge(_file, _stream.Position - _filled, _buffer.Length);
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    _buffer.AsSpan(0, _filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = bigger;
                }
                _filled += _stream.ReadAtLeast(_buffer.AsSpan(_filled), _buffer.Length - _filled, throwOnEndOfStream: false);
                _eof = _filled < _buffer.Length;
            }
            int consumed = _tokenizer.Tokenize(_buffer.AsSpan(0, _filled), _pos, _eof, Rows, ref _line);
            _pos = consumed;
            if (Rows.RowCount > 0) return true;
            if (_eof && _pos >= _filled) return false;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        byte[] b = _buffer;
        _buffer = [];
        if (b.Length > 0) ArrayPool<byte>.Shared.Return(b);
    }
}
