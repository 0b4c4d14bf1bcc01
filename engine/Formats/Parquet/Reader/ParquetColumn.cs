using Kindling.Formats.Parquet.Metadata;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet.Reader;

/// <summary>
/// A leaf column of a file: its schema element, the engine type it reads as, and how values convert. A LIST
/// column (<see cref="IsList"/>) reads as <c>array&lt;ValueType&gt;</c>: its leaf has repetition level 1, a
/// definition level below <see cref="ListDefinedLevel"/> is a null list, that level an empty list, and the
/// levels above it are an element (null below <see cref="ParquetColumn.MaxDefinitionLevel"/>).
/// </summary>
internal sealed record ParquetColumn(int Index, string Name, SchemaElement Element, int MaxDefinitionLevel, ColumnType Type, ValueConversion Conversion,
    int MaxRepetitionLevel = 0, int ListDefinedLevel = 0)
{
    public PhysicalType Physical => Element.Type!.Value;

    public bool IsList => MaxRepetitionLevel > 0;

    /// <summary>The type of the leaf's values: the column's type, or a list's element type.</summary>
    public ColumnType ValueType => IsList ? Type.Element! : Type;

    /// <summary>The lowest definition level of an entry that is an element (null or not) rather than a null or empty list.</summary>
    public int ElementLevel => ListDefinedLevel + 1;

    /// <summary>Whether rows may be null: an optional flat column, or an optional LIST group.</summary>
    public bool Nullable => IsList ? ListDefinedLevel > 0 : MaxDefinitionLevel > 0;

    /// <summary>
    /// A LIST column named <paramref name="name"/> whose elements are the primitive <paramref name="leaf"/>:
    /// the list itself is optional or required, the elements optional or required.
    /// </summary>
    public static ParquetColumn List(int index, string name, SchemaElement leaf, bool listOptional, bool elementOptional)
    {
        var element = From(index, leaf, name);
        int defined = listOptional ? 1 : 0;
        return element with
        {
            Name = name,
            Type = ColumnType.Array(element.Type),
            MaxRepetitionLevel = 1,
            ListDefinedLevel = defined,
            MaxDefinitionLevel = defined + 1 + (elementOptional ? 1 : 0),
        };
    }

    /// <summary>Maps a flat column's element to the engine type that holds its values exactly.</summary>
    /// <param name="column">The column's name in messages, when <paramref name="e"/> is a list's element.</param>
    public static ParquetColumn From(int index, SchemaElement e, string? column = null)
    {
        string name = column ?? e.Name;
        if (e.Type is null) throw new InvalidDataException($"column '{name}' has no physical type");
        int maxDef = e.Repetition == FieldRepetition.Optional ? 1 : 0;
        var lt = e.LogicalType;
        var ct = e.ConvertedType;
        bool isDecimal = lt?.Kind == LogicalTypeKind.Decimal || ct == ConvertedType.Decimal;
        int precision = lt?.Kind == LogicalTypeKind.Decimal ? lt.DecimalPrecision : e.Precision;
        int scale = lt?.Kind == LogicalTypeKind.Decimal ? lt.DecimalScale : e.Scale;

        ColumnType Decimal()
        {
            if (precision < 1 || precision > ColumnType.MaxDecimalPrecision || scale < 0 || scale > precision)
                throw new InvalidDataException($"column '{name}' has an invalid decimal({precision},{scale})");
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
            _ => throw new InvalidDataException($"column '{name}' has an unknown physical type {(int)e.Type.Value}"),
        };
        if (e.Type == PhysicalType.FixedLenByteArray && (e.TypeLength <= 0 || e.TypeLength > 1 << 20))
            throw new InvalidDataException($"column '{name}' has an invalid fixed length {e.TypeLength}");
        if (mapped.Conversion == ValueConversion.BigEndianDecimal && e.Type == PhysicalType.FixedLenByteArray && e.TypeLength > 16)
            throw new InvalidDataException($"column '{name}': a decimal of {e.TypeLength} bytes does not fit 128 bits");
        return new ParquetColumn(index, e.Name, e, maxDef, mapped.Type, mapped.Conversion);
    }
}
