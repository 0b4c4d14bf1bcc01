namespace Kindling.Storage;

/// <summary>Bytes that can be read at any offset: a local file now, an S3 object with range requests later.</summary>
internal interface IRandomAccessSource : IDisposable
{
    /// <summary>A name for messages (a path or URI, never credentials).</summary>
    string Name { get; }

    long Length { get; }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; throws when the source ends first.</summary>
    void ReadExactly(long offset, Span<byte> buffer);
}
