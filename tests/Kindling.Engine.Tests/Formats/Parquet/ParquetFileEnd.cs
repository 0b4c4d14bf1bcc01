using System.Buffers.Binary;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>Ends a hand-built Parquet file: the footer in thrift compact form, its length (little-endian int32) and the magic.</summary>
internal static class ParquetFileEnd
{
    public static byte[] Finish(MemoryStream file, FileMetaData footer)
    {
        var w = new ThriftCompactWriter();
        footer.Write(w);
        file.Write(w.Written);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, w.Written.Length);
        file.Write(length);
        file.Write("PAR1"u8);
        return file.ToArray();
    }
}
