using System.Text;

namespace Kindling.DataGen.Writers;

/// <summary>
/// Writes one feed file line by line through a large buffer, counts every record by category, and
/// keeps a small ring of recent valid lines from which byte-identical duplicates are re-delivered.
/// </summary>
internal sealed class FeedWriter : IDisposable
{
    private const int RingSize = 64;
    private readonly Stream _stream;
    private readonly byte[][] _ring = new byte[RingSize][];
    private int _ringCount, _ringNext;

    public FeedWriter(string path, string? header)
    {
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        if (header is not null) WriteRaw(Encoding.UTF8.GetBytes(header));
    }

    public FileCounts Counts { get; } = new();

    public bool HasRecentLines => _ringCount > 0;

    private void WriteRaw(ReadOnlySpan<byte> line)
    {
        _stream.Write(line);
        _stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes a valid record (late when its date is before the feed's day).</summary>
    public void Write(ReadOnlySpan<byte> line, bool late = false, bool stale = false)
    {
        WriteRaw(line);
        Counts.Rows++;
        if (stale) Counts.Stale++;
        else if (late) Counts.Late++;
        var slot = _ring[_ringNext] ??= new byte[line.Length];
        if (slot.Length != line.Length) slot = _ring[_ringNext] = new byte[line.Length];
        line.CopyTo(slot);
        _ringNext = (_ringNext + 1) % RingSize;
        _ringCount = Math.Min(_ringCount + 1, RingSize);
    }

    public void WriteMalformed(ReadOnlySpan<byte> line)
    {
        WriteRaw(line);
        Counts.Rows++;
        Counts.Malformed++;
    }

    /// <summary>Re-delivers a byte-identical copy of one of the recent valid records.</summary>
    public void WriteDuplicate(int pick)
    {
        WriteRaw(_ring[pick % _ringCount]);
        Counts.Rows++;
        Counts.Duplicate++;
    }

    public void Dispose() => _stream.Dispose();
}
