using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Formats.Parquet.Metadata;

/// <summary>parquet.thrift <c>RowGroup</c> with its column chunks' metadata (chunks in the same file only).</summary>
internal sealed class RowGroup
{
    public List<ColumnMetaData> Columns { get; set; } = [];
    public long TotalByteSize { get; set; }
    public long NumRows { get; set; }
    public long? FileOffset { get; set; }
    public long? TotalCompressedSize { get; set; }

    public static RowGroup Read(ref ThriftCompactReader r)
    {
        var g = new RowGroup();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1:
                {
                    int n = r.ReadListHeader(out _);
                    for (int i = 0; i < n; i++) g.Columns.Add(ReadColumnChunk(ref r));
                    break;
                }
                case 2: g.TotalByteSize = r.ReadI64(); break;
                case 3: g.NumRows = r.ReadI64(); break;
                case 5: g.FileOffset = r.ReadI64(); break;
                case 6: g.TotalCompressedSize = r.ReadI64(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return g;
    }

    private static ColumnMetaData ReadColumnChunk(ref ThriftCompactReader r)
    {
        ColumnMetaData? meta = null;
        string? filePath = null;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1: filePath = r.ReadString(); break;
                case 3 when type == ThriftType.Struct: meta = ColumnMetaData.Read(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        if (filePath is not null) throw new InvalidDataException($"column chunks in another file ('{filePath}') are not supported");
        return meta ?? throw new InvalidDataException("a column chunk has no metadata");
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStructElement();
        w.ListHeader(1, ThriftType.Struct, Columns.Count);
        foreach (var c in Columns)
        {
            w.BeginStructElement();
            w.I64(2, c.DictionaryPageOffset ?? c.DataPageOffset);
            c.Write(w, 3);
            w.EndStruct();
        }
        w.I64(2, TotalByteSize);
        w.I64(3, NumRows);
        if (FileOffset is not null) w.I64(5, FileOffset.Value);
        if (TotalCompressedSize is not null) w.I64(6, TotalCompressedSize.Value);
        w.EndStruct();
    }
}
