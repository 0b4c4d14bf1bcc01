using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Formats.Parquet.Metadata;

/// <summary>parquet.thrift <c>ColumnMetaData</c>: where a column chunk's pages are and what they hold.</summary>
internal sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }
    public List<ParquetEncoding> Encodings { get; set; } = [];
    public List<string> PathInSchema { get; set; } = [];
    public CompressionCodec Codec { get; set; }
    public long NumValues { get; set; }
    public long TotalUncompressedSize { get; set; }
    public long TotalCompressedSize { get; set; }
    public long DataPageOffset { get; set; }
    public long? DictionaryPageOffset { get; set; }
    public Statistics? Statistics { get; set; }

    /// <summary>Whether the deprecated min/max are written too: only for signed sort orders, where their old meaning is right.</summary>
    public bool WriteLegacyStatistics { get; set; }

    public static ColumnMetaData Read(ref ThriftCompactReader r)
    {
        var m = new ColumnMetaData();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1: m.Type = (PhysicalType)r.ReadI32(); break;
                case 2:
                {
                    int n = r.ReadListHeader(out _);
                    for (int i = 0; i < n; i++) m.Encodings.Add((ParquetEncoding)r.ReadI32());
                    break;
                }
                case 3:
                {
                    int n = r.ReadListHeader(out _);
                    for (int i = 0; i < n; i++) m.PathInSchema.Add(r.ReadString());
                    break;
                }
                case 4: m.Codec = (CompressionCodec)r.ReadI32(); break;
                case 5: m.NumValues = r.ReadI64(); break;
                case 6: m.TotalUncompressedSize = r.ReadI64(); break;
                case 7: m.TotalCompressedSize = r.ReadI64(); break;
                case 9: m.DataPageOffset = r.ReadI64(); break;
                case 11: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when type == ThriftType.Struct: m.Statistics = Statistics.Read(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return m;
    }

    public void Write(ThriftCompactWriter w, short fieldId)
    {
        w.StructField(fieldId);
        w.I32(1, (int)Type);
        w.ListHeader(2, ThriftType.I32, Encodings.Count);
        foreach (var e in Encodings) w.I32Element((int)e);
        w.ListHeader(3, ThriftType.Binary, PathInSchema.Count);
        foreach (var p in PathInSchema) w.StringElement(p);
        w.I32(4, (int)Codec);
        w.I64(5, NumValues);
        w.I64(6, TotalUncompressedSize);
        w.I64(7, TotalCompressedSize);
        w.I64(9, DataPageOffset);
        if (DictionaryPageOffset is not null) w.I64(11, DictionaryPageOffset.Value);
        Statistics?.Write(w, 12, WriteLegacyStatistics);
        w.EndStruct();
    }
}
