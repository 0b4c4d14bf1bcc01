using System.IO.Compression;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet.Compression;

/// <summary>Parquet GZIP: the gzip (RFC 1952) format, through the BCL's zlib.</summary>
internal sealed class GzipCodec : ICompressionCodec
{
    public static readonly GzipCodec Instance = new();

    public CompressionCodec Codec => CompressionCodec.Gzip;

    public int MaxCompressedLength(int uncompressedLength) => uncompressedLength + uncompressedLength / 1000 + 64;

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(source);
        if (output.Length > destination.Length) throw new InvalidOperationException("gzip output exceeds its bound");
        output.GetBuffer().AsSpan(0, (int)output.Length).CopyTo(destination);
        return (int)output.Length;
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(source.ToArray(), writable: false), CompressionMode.Decompress);
            int total = 0;
            while (total < destination.Length)
            {
                int read = gzip.Read(destination[total..]);
                if (read == 0) break;
                total += read;
            }
            Span<byte> probe = stackalloc byte[1];
            if (total != destination.Length || gzip.Read(probe) != 0)
                throw new InvalidDataException($"corrupt gzip data: it does not hold exactly the {destination.Length} bytes the page header says");
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"corrupt gzip data: {e.Message}", e);
        }
    }
}
