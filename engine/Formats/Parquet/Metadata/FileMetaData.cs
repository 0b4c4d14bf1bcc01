using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Formats.Parquet.Metadata;

/// <summary>parquet.thrift <c>FileMetaData</c>: the footer.</summary>
internal sealed class FileMetaData
{
    public int Version { get; set; } = 1;
    public List<SchemaElement> Schema { get; set; } = [];
    public long NumRows { get; set; }
    public List<RowGroup> RowGroups { get; set; } = [];
    public List<KeyValuePair<string, string?>> KeyValueMetadata { get; set; } = [];
    public string? CreatedBy { get; set; }

    public static FileMetaData Read(ReadOnlySpan<byte> footer)
    {
        var r = new ThriftCompactReader(footer);
        var m = new FileMetaData();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1: m.Version = r.ReadI32(); break;
                case 2:
                {
                    int n = r.ReadListHeader(out _);
                    for (int i = 0; i < n; i++) m.Schema.Add(SchemaElement.Read(ref r));
                    break;
                }
                case 3: m.NumRows = r.ReadI64(); break;
                case 4:
                {
                    int n = r.ReadListHeader(out _);
                    for (int i = 0; i < n; i++) m.RowGroups.Add(RowGroup.Read(ref r));
                    break;
                }
                case 5:
                {
                    int n = r.ReadListHeader(out _);
                    for (int i = 0; i < n; i++) m.KeyValueMetadata.Add(ReadKeyValue(ref r));
                    break;
                }
                case 6: m.CreatedBy = r.ReadString(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return m;
    }

    private static KeyValuePair<string, string?> ReadKeyValue(ref ThriftCompactReader r)
    {
        string key = "";
        string? value = null;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            if (id == 1) key = r.ReadString();
            else if (id == 2) value = r.ReadString();
            else r.Skip(type);
        }
        r.ExitStruct();
        return new(key, value);
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32(1, Version);
        w.ListHeader(2, ThriftType.Struct, Schema.Count);
        foreach (var e in Schema) e.Write(w);
        w.I64(3, NumRows);
        w.ListHeader(4, ThriftType.Struct, RowGroups.Count);
        foreach (var g in RowGroups) g.Write(w);
        if (KeyValueMetadata.Count > 0)
        {
            w.ListHeader(5, ThriftType.Struct, KeyValueMetadata.Count);
            foreach (var (key, value) in KeyValueMetadata)
            {
                w.BeginStructElement();
                w.String(1, key);
                if (value is not null) w.String(2, value);
                w.EndStruct();
            }
        }
        if (CreatedBy is not null) w.String(6, CreatedBy);
        // column_orders: TYPE_ORDER for every leaf, so readers trust min_value/max_value.
        int leaves = Schema.Count(e => e.NumChildren == 0 && e.Type is not null);
        w.ListHeader(7, ThriftType.Struct, leaves);
        for (int i = 0; i < leaves; i++)
        {
            w.BeginStructElement();
            w.StructField(1);
            w.EndStruct();
            w.EndStruct();
        }
        w.EndStruct();
    }
}
