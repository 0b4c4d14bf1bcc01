using Kindling.Formats.Parquet.Metadata;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet.Reader;

/// <summary>A leaf column of a file: its schema element, the engine type it reads as, and how values convert.</summary>
internal sealed record ParquetColumn(int Index, string Name, SchemaElement Element, int MaxDefinitionLevel, ColumnType Type, ValueConversion Conversion)
{
    public PhysicalType Physical => Element.Type!.Value;

    /// <summary>Maps a flat column's element to the engine type that holds its values exactly.</summary>
    public static ParquetColumn From(int index, SchemaElement e)
    {
        if (e.Type is null) throw new InvalidDataException($"column '{e.Name}' has no physical type");
        int maxDef = e.Repetition == FieldRepetition.Optional ? 1 : 0;
        var lt = e.LogicalType;
        var ct = e.ConvertedType;
        bool isDecimal = lt?.Kind == LogicalTypeKind.Decimal || ct == ConvertedType.Decimal;
        int precision = lt?.Kind == LogicalTypeKind.Decimal ? lt.DecimalPrecision : e.Precision;
        int scale = lt?.Kind == LogicalTypeKind.Decimal ? lt.DecimalScale : e.Scale;

        ColumnType Decimal()
        {
            if (precision < 1 || precision > ColumnType.MaxDecimalPrecision || scale < 0 || scale > precision)
                throw new InvalidDataException($"column '{e.Name}' has an invalid decimal({precision},{scale})");
            return ColumnType.Decimal(precision, scale);
        }

        (ColumnType Type, ValueConversion Conversion) mapped = e.Type.Value switch
        {
            PhysicalType.Boolean => (ColumnType.Boolean, ValueConversion.None),
            PhysicalType.Int32 when isDecimal => (Decimal(), ValueConversion.None),
            PhysicalType.Int32 when lt?.Kind == LogicalTypeKind.Date || ct == ConvertedType.Date => (ColumnType.Date, ValueConversion.None),
            PhysicalType.Int32 when (lt?.Kind == LogicalTypeKind.Integer && !lt.IsSigned && lt.BitWidth == 32) || ct == ConvertedType.Uint32 => (ColumnType.Int64, ValueConversion.UInt32),
            PhysicalType.Int32 => (ColumnType.Int32, ValueConversion.None),
            PhysicalType.Int64 when isDecimal => (Decimal(), ValueConversion.None),
            PhysicalType.Int64 when lt?.Kind == LogicalTypeKind.Timestamp => (ColumnType.Timestamp, lt.Unit switch
            {
                TimeUnit.Millis => ValueConversion.Millis,
                TimeUnit.Nanos => ValueConversion.Nanos,
                _ => ValueConversion.None,
            }),
            PhysicalType.Int64 when ct == ConvertedType.TimestampMillis => (ColumnType.Timestamp, ValueConversion.Millis),
            PhysicalType.Int64 when ct == ConvertedType.TimestampMicros => (ColumnType.Timestamp, ValueConversion.None),
            PhysicalType.Int64 when (lt?.Kind == LogicalTypeKind.Integer && !lt.IsSigned) || ct == ConvertedType.Uint64 => (ColumnType.Decimal(20, 0), ValueConversion.UInt64),
            PhysicalType.Int64 => (ColumnType.Int64, ValueConversion.None),
            PhysicalType.Int96 => (ColumnType.Timestamp, ValueConversion.Int96),
            PhysicalType.Float => (ColumnType.Float32, ValueConversion.None),
            PhysicalType.Double => (ColumnType.Float64, ValueConversion.None),
            PhysicalType.ByteArray or PhysicalType.FixedLenByteArray when isDecimal => (Decimal(), ValueConversion.BigEndianDecimal),
            PhysicalType.ByteArray when lt?.Kind is LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json
                || ct is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json => (ColumnType.String, ValueConversion.None),
            PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => (ColumnType.Binary, ValueConversion.None),
            _ => throw new InvalidDataException($"column '{e.Name}' has an unknown physical type {(int)e.Type.Value}"),
        };
        if (e.Type == PhysicalType.FixedLenByteArray && (e.TypeLength <= 0 || e.TypeLength > 1 << 20))
            throw new InvalidDataException($"column '{e.Name}' has an invalid fixed length {e.TypeLength}");
        if (mapped.Conversion == ValueConversion.BigEndianDecimal && e.Type == PhysicalType.FixedLenByteArray && e.TypeLength > 16)
            throw new InvalidDataException($"column '{e.Name}': a decimal of {e.TypeLength} bytes does not fit 128 bits");
        return new ParquetColumn(index, e.Name, e, maxDef, mapped.Type, mapped.Conversion);
    }
}
