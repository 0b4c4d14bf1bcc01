using System.Buffers.Binary;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Thrift;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>Legacy Spark and Impala INT96 timestamps (nanoseconds of day, Julian day) read as UTC microseconds.</summary>
public sealed class Int96TimestampTests
{
    /// <summary>Builds a one-column INT96 file by hand, byte by byte, as legacy parquet-mr wrote them.</summary>
    private static byte[] Int96File(IReadOnlyList<(int JulianDay, long NanosOfDay)> values)
    {
        var file = new MemoryStream();
        file.Write("PAR1"u8);
        var data = new byte[values.Count * 12];
        for (int i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 12), values[i].NanosOfDay);
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(i * 12 + 8), values[i].JulianDay);
        }
        var w = new ThriftCompactWriter();
        new PageHeader { Type = PageType.DataPage, NumValues = values.Count, Encoding = ParquetEncoding.Plain, UncompressedSize = data.Length, CompressedSize = data.Length }.Write(w);
        long pageOffset = file.Position;
        file.Write(w.Written);
        file.Write(data);
        var chunk = new ColumnMetaData
        {
            Type = PhysicalType.Int96, Encodings = [ParquetEncoding.Plain], PathInSchema = ["ts"], Codec = CompressionCodec.Uncompressed,
            NumValues = values.Count, DataPageOffset = pageOffset, TotalCompressedSize = file.Position - pageOffset, TotalUncompressedSize = file.Position - pageOffset,
        };
        var footer = new FileMetaData
        {
            NumRows = values.Count,
            Schema = [new SchemaElement { Name = "spark_schema", NumChildren = 1 }, new SchemaElement { Name = "ts", Type = PhysicalType.Int96, Repetition = FieldRepetition.Required }],
            RowGroups = [new RowGroup { NumRows = values.Count, Columns = [chunk], TotalByteSize = chunk.TotalUncompressedSize }],
            CreatedBy = "parquet-mr version 1.10.1",
        };
        return ParquetFileEnd.Finish(file, footer);
    }

    [Fact]
    public void Int96_values_become_utc_microseconds()
    {
        // Julian day 2440588 is 1970-01-01; 2460371 is 2024-03-01.
        var values = new (int, long)[] { (2_440_588, 0), (2_460_371, 47_122_123_456_000), (2_440_587, 86_399_999_999_000) };
        using var dir = new TempDirectory();
        string path = dir.File("int96.parquet");
        File.WriteAllBytes(path, Int96File(values));
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(ColumnType.Timestamp, reader.Schema[0].Type);
        var batch = reader.ReadRowGroup(0);
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), batch[0].GetObject(0));
        Assert.Equal(new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc).AddTicks(1_234_560), batch[0].GetObject(1));
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990), batch[0].GetObject(2));
    }
}
