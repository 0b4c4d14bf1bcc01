using Microsoft.Win32.SafeHandles;

namespace Kindling.Storage;

/// <summary>A local file read with positional reads (thread-safe, no shared file pointer).</summary>
internal sealed class LocalFileSource : IRandomAccessSource
{
    private readonly SafeFileHandle _handle;

    public LocalFileSource(string path)
    {
        Name = path;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        Length = RandomAccess.GetLength(_handle);
    }

    public string Name { get; }

    public long Length { get; }

    public void ReadExactly(long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset + buffer.Length > Length)
            throw new InvalidDataException($"read of {buffer.Length} bytes at {offset} is outside the {Length}-byte file");
        int done = 0;
        while (done < buffer.Length)
        {
            int read = RandomAccess.Read(_handle, buffer[done..], offset + done);
            if (read == 0) throw new EndOfStreamException($"{Name} ended at {offset + done} of {Length} bytes");
            done += read;
        }
    }

    public void Dispose() => _handle.Dispose();
}
