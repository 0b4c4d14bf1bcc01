using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Formats.Parquet.Metadata;

/// <summary>One node of the flattened schema tree (parquet.thrift <c>SchemaElement</c>).</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }
    public int TypeLength { get; set; }
    public FieldRepetition? Repetition { get; set; }
    public string Name { get; set; } = "";
    public int NumChildren { get; set; }
    public ConvertedType? ConvertedType { get; set; }
    public int Scale { get; set; }
    public int Precision { get; set; }
    public LogicalType? LogicalType { get; set; }

    public static SchemaElement Read(ref ThriftCompactReader r)
    {
        var e = new SchemaElement();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1: e.Type = (PhysicalType)r.ReadI32(); break;
                case 2: e.TypeLength = r.ReadI32(); break;
                case 3: e.Repetition = (FieldRepetition)r.ReadI32(); break;
                case 4: e.Name = r.ReadString(); break;
                case 5: e.NumChildren = r.ReadI32(); break;
                case 6: e.ConvertedType = (ConvertedType)r.ReadI32(); break;
                case 7: e.Scale = r.ReadI32(); break;
                case 8: e.Precision = r.ReadI32(); break;
                case 10 when type == ThriftType.Struct: e.LogicalType = LogicalType.Read(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return e;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStructElement();
        if (Type is not null) w.I32(1, (int)Type);
        if (Type == PhysicalType.FixedLenByteArray) w.I32(2, TypeLength);
        if (Repetition is not null) w.I32(3, (int)Repetition);
        w.String(4, Name);
        if (NumChildren > 0) w.I32(5, NumChildren);
        if (ConvertedType is not null) w.I32(6, (int)ConvertedType);
        if (ConvertedType == Metadata.ConvertedType.Decimal)
        {
            w.I32(7, Scale);
            w.I32(8, Precision);
        }
        LogicalType?.Write(w, 10);
        w.EndStruct();
    }
}
