using System.Buffers;

namespace Kindling.Formats.IO;

/// <summary>A run of whole lines of a file in a pooled buffer: <see cref="Length"/> bytes read from <see cref="Offset"/>.</summary>
internal sealed class LineChunk(byte[] buffer, int length, long offset, int index) : IDisposable
{
    private byte[]? _buffer = buffer;

    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, Length);

    public int Length { get; } = length;

    public long Offset { get; } = offset;

    /// <summary>Position of the chunk in the file (0-based).</summary>
    public int Index { get; } = index;

    public void Dispose()
    {
        byte[]? b = Interlocked.Exchange(ref _buffer, null);
        if (b is not null) ArrayPool<byte>.Shared.Return(b);
    }
}
