using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Formats.Parquet.Metadata;

/// <summary>parquet.thrift's <c>LogicalType</c> union with the parameters the engine uses.</summary>
internal sealed record LogicalType(LogicalTypeKind Kind)
{
    public int DecimalScale { get; init; }
    public int DecimalPrecision { get; init; }
    public bool IsAdjustedToUtc { get; init; }
    public TimeUnit Unit { get; init; }
    public int BitWidth { get; init; }
    public bool IsSigned { get; init; } = true;

    public static LogicalType Read(ref ThriftCompactReader r)
    {
        r.EnterStruct();
        var result = new LogicalType(LogicalTypeKind.Unknown);
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            if (type != ThriftType.Struct) { r.Skip(type); continue; }
            var kind = (LogicalTypeKind)id;
            r.EnterStruct();
            short inner = 0;
            int scale = 0, precision = 0, bitWidth = 0;
            bool utc = false, signed = true;
            TimeUnit unit = TimeUnit.Micros;
            while (r.ReadFieldHeader(ref inner, out short f, out var ft))
            {
                switch (kind, f)
                {
                    case (LogicalTypeKind.Decimal, 1): scale = r.ReadI32(); break;
                    case (LogicalTypeKind.Decimal, 2): precision = r.ReadI32(); break;
                    case (LogicalTypeKind.Timestamp or LogicalTypeKind.Time, 1): utc = ft == ThriftType.BooleanTrue; break;
                    case (LogicalTypeKind.Timestamp or LogicalTypeKind.Time, 2): unit = ReadUnit(ref r); break;
                    case (LogicalTypeKind.Integer, 1): bitWidth = (sbyte)r.ReadByte(); break;
                    case (LogicalTypeKind.Integer, 2): signed = ft == ThriftType.BooleanTrue; break;
                    default: r.Skip(ft); break;
                }
            }
            r.ExitStruct();
            result = new LogicalType(Enum.IsDefined(kind) ? kind : LogicalTypeKind.Unknown)
            {
                DecimalScale = scale, DecimalPrecision = precision, IsAdjustedToUtc = utc, Unit = unit, BitWidth = bitWidth, IsSigned = signed,
            };
        }
        r.ExitStruct();
        return result;
    }

    private static TimeUnit ReadUnit(ref ThriftCompactReader r)
    {
        r.EnterStruct();
        TimeUnit unit = TimeUnit.Micros;
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            if (id is >= 1 and <= 3) unit = (TimeUnit)id;
            r.Skip(type);
        }
        r.ExitStruct();
        return unit;
    }

    public void Write(ThriftCompactWriter w, short fieldId)
    {
        w.StructField(fieldId);
        w.StructField((short)Kind);
        switch (Kind)
        {
            case LogicalTypeKind.Decimal:
                w.I32(1, DecimalScale);
                w.I32(2, DecimalPrecision);
                break;
            case LogicalTypeKind.Timestamp:
                w.Bool(1, IsAdjustedToUtc);
                w.StructField(2);
                w.StructField((short)Unit);
                w.EndStruct();
                w.EndStruct();
                break;
            case LogicalTypeKind.Integer:
                w.I8(1, (sbyte)BitWidth);
                w.Bool(2, IsSigned);
                break;
        }
        w.EndStruct();
        w.EndStruct();
    }
}
