using System.Buffers;

namespace Kindling.Formats.IO;

/// <summary>
/// Splits a file into chunks of roughly <c>chunkSize</c> bytes that end right after a line feed (or at the
/// end of the file), so records that never span lines can be parsed chunk by chunk in parallel.
/// </summary>
internal static class LineChunker
{
    public const int MaxLineBytes = 1 << 30;

    /// <summary>A chunk size for a file: about four chunks per core, between 1 MiB and 16 MiB.</summary>
    public static int ChooseChunkSize(long fileLength, int degreeOfParallelism) =>
        (int)Math.Clamp(fileLength / Math.Max(1, degreeOfParallelism * 4), 1L << 20, 16L << 20);

    public static IEnumerable<LineChunk> Read(string path, long start, int chunkSize)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long length = RandomAccess.GetLength(handle);
        long offset = start;
        int index = 0;
        while (offset < length)
        {
            int want = chunkSize;
            while (true)
            {
                int size = (int)Math.Min(want, length - offset);
                byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
                int read = ReadFully(handle, buffer.AsSpan(0, size), offset);
                bool atEnd = offset + read >= length;
                int end = atEnd ? read : buffer.AsSpan(0, read).LastIndexOf((byte)'\n') + 1;
                if (end > 0)
                {
                    yield return new LineChunk(buffer, end, offset, index++);
                    offset += end;
                    break;
                }
                ArrayPool<byte>.Shared.Return(buffer);
                if (want >= MaxLineBytes)
                    throw new InvalidDataException($"'{path}' has a line longer than {MaxLineBytes} bytes at byte {offset}");
                want = (int)Math.Min((long)want * 2, MaxLineBytes);
            }
        }
    }

    private static int ReadFully(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
