using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Formats.Parquet.Metadata;

/// <summary>
/// parquet.thrift <c>PageHeader</c> flattened with the fields of its data (v1, v2) and dictionary
/// sub-headers that a reader needs.
/// </summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }
    public int UncompressedSize { get; set; }
    public int CompressedSize { get; set; }
    public int NumValues { get; set; }
    public ParquetEncoding Encoding { get; set; }
    public ParquetEncoding DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;
    public ParquetEncoding RepetitionLevelEncoding { get; set; } = ParquetEncoding.Rle;
    // Data page v2 only.
    public int NumNulls { get; set; }
    public int NumRows { get; set; }
    public int DefinitionLevelsByteLength { get; set; }
    public int RepetitionLevelsByteLength { get; set; }
    public bool IsCompressed { get; set; } = true;
    public Statistics? Statistics { get; set; }

    /// <summary>Reads a header at the start of <paramref name="data"/>; returns its length in bytes.</summary>
    public static PageHeader Read(ReadOnlySpan<byte> data, out int headerLength)
    {
        var r = new ThriftCompactReader(data);
        var h = new PageHeader();
        r.EnterStruct();
        short last = 0;
        bool sawType = false, sawSizes = false;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1: h.Type = (PageType)r.ReadI32(); sawType = true; break;
                case 2: h.UncompressedSize = r.ReadI32(); break;
                case 3: h.CompressedSize = r.ReadI32(); sawSizes = true; break;
                case 5 when type == ThriftType.Struct: ReadDataPageHeader(ref r, h); break;
                case 7 when type == ThriftType.Struct: ReadDictionaryPageHeader(ref r, h); break;
                case 8 when type == ThriftType.Struct: ReadDataPageHeaderV2(ref r, h); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        if (!sawType || !sawSizes) throw new InvalidDataException("page header lacks its type or sizes");
        headerLength = r.Position;
        return h;
    }

    private static void ReadDataPageHeader(ref ThriftCompactReader r, PageHeader h)
    {
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(); break;
                case 2: h.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 3: h.DefinitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                case 4: h.RepetitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                case 5 when type == ThriftType.Struct: h.Statistics = Statistics.Read(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
    }

    private static void ReadDictionaryPageHeader(ref ThriftCompactReader r, PageHeader h)
    {
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(); break;
                case 2: h.Encoding = (ParquetEncoding)r.ReadI32(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
    }

    private static void ReadDataPageHeaderV2(ref ThriftCompactReader r, PageHeader h)
    {
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(); break;
                case 2: h.NumNulls = r.ReadI32(); break;
                case 3: h.NumRows = r.ReadI32(); break;
                case 4: h.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 5: h.DefinitionLevelsByteLength = r.ReadI32(); break;
                case 6: h.RepetitionLevelsByteLength = r.ReadI32(); break;
                case 7: h.IsCompressed = type == ThriftType.BooleanTrue; break;
                case 8 when type == ThriftType.Struct: h.Statistics = Statistics.Read(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
    }

    public void Write(ThriftCompactWriter w)
    {
        w.Clear();
        w.BeginStruct();
        w.I32(1, (int)Type);
        w.I32(2, UncompressedSize);
        w.I32(3, CompressedSize);
        switch (Type)
        {
            case PageType.DataPage:
                w.StructField(5);
                w.I32(1, NumValues);
                w.I32(2, (int)Encoding);
                w.I32(3, (int)ParquetEncoding.Rle);
                w.I32(4, (int)ParquetEncoding.Rle);
                w.EndStruct();
                break;
            case PageType.DictionaryPage:
                w.StructField(7);
                w.I32(1, NumValues);
                w.I32(2, (int)ParquetEncoding.Plain);
                w.EndStruct();
                break;
            case PageType.DataPageV2:
                w.StructField(8);
                w.I32(1, NumValues);
                w.I32(2, NumNulls);
                w.I32(3, NumRows);
                w.I32(4, (int)Encoding);
                w.I32(5, DefinitionLevelsByteLength);
                w.I32(6, RepetitionLevelsByteLength);
                w.Bool(7, IsCompressed);
                w.EndStruct();
                break;
        }
        w.EndStruct();
    }
}
