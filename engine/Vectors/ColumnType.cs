namespace Kindling.Vectors;

/// <summary>
/// A column's type: its kind plus, for decimals, precision and scale, and for arrays the element type.
/// Immutable and compared by value (arrays compare their element types).
/// </summary>
internal sealed record ColumnType(TypeKind Kind, int Precision = 0, int Scale = 0, ColumnType? Element = null)
{
    public static readonly ColumnType Null = new(TypeKind.Null);
    public static readonly ColumnType Boolean = new(TypeKind.Boolean);
    public static readonly ColumnType Int32 = new(TypeKind.Int32);
    public static readonly ColumnType Int64 = new(TypeKind.Int64);
    public static readonly ColumnType Float32 = new(TypeKind.Float32);
    public static readonly ColumnType Float64 = new(TypeKind.Float64);
    public static readonly ColumnType String = new(TypeKind.String);
    public static readonly ColumnType Binary = new(TypeKind.Binary);
    public static readonly ColumnType Date = new(TypeKind.Date);
    public static readonly ColumnType Timestamp = new(TypeKind.Timestamp);

    /// <summary>The largest decimal precision (Spark's and Arrow decimal128's limit).</summary>
    public const int MaxDecimalPrecision = 38;

    /// <summary>Precision above which a decimal's unscaled value no longer fits in an int64.</summary>
    public const int MaxInt64DecimalPrecision = 18;

    public static ColumnType Decimal(int precision, int scale)
    {
        if (precision < 1 || precision > MaxDecimalPrecision)
            throw new ArgumentOutOfRangeException(nameof(precision), precision, $"decimal precision must be 1..{MaxDecimalPrecision}");
        if (scale < 0 || scale > precision)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "decimal scale must be 0..precision");
        return new ColumnType(TypeKind.Decimal, precision, scale);
    }

    /// <summary>An array of <paramref name="element"/> values; elements may be null.</summary>
    public static ColumnType Array(ColumnType element) => new(TypeKind.Array, Element: element);

    /// <summary>True for decimals whose unscaled values are stored as <see cref="System.Int128"/>.</summary>
    public bool IsWideDecimal => Kind == TypeKind.Decimal && Precision > MaxInt64DecimalPrecision;

    /// <summary>True when values live in offsets + bytes rather than a fixed-width buffer.</summary>
    public bool IsVariableWidth => Kind is TypeKind.String or TypeKind.Binary;

    /// <summary>Width in bytes of one value in the values buffer (0 for variable-width and null types).</summary>
    public int FixedWidth => Kind switch
    {
        TypeKind.Boolean => 1,
        TypeKind.Int32 or TypeKind.Date or TypeKind.Float32 => 4,
        TypeKind.Int64 or TypeKind.Timestamp or TypeKind.Float64 => 8,
        TypeKind.Decimal => IsWideDecimal ? 16 : 8,
        _ => 0,
    };

    /// <summary>Spark's simple string for the type (for example <c>decimal(15,4)</c>), used in messages and EXPLAIN.</summary>
    public override string ToString() => Kind switch
    {
        TypeKind.Null => "void",
        TypeKind.Boolean => "boolean",
        TypeKind.Int32 => "int",
        TypeKind.Int64 => "bigint",
        TypeKind.Float32 => "float",
        TypeKind.Float64 => "double",
        TypeKind.String => "string",
        TypeKind.Binary => "binary",
        TypeKind.Date => "date",
        TypeKind.Timestamp => "timestamp",
        TypeKind.Decimal => $"decimal({Precision},{Scale})",
        TypeKind.Array => $"array<{Element}>",
        _ => Kind.ToString(),
    };
}
