using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>The base type of all Spark SQL data types.</summary>
public abstract class DataType
{
    /// <summary>Normalized type name, e.g. "integer" for IntegerType.</summary>
    public virtual string TypeName => NormalizeTypeName(GetType().Name);

    /// <summary>Readable string representation of the type, e.g. "int" for IntegerType.</summary>
    public virtual string SimpleString => TypeName;

    /// <summary>Spark's JSON form of the type (used for the Spark schema stored in Parquet metadata).</summary>
    internal virtual string Json => "\"" + TypeName + "\"";

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DataType other && other.SimpleString == SimpleString;

    /// <inheritdoc/>
    public override int GetHashCode() => SimpleString.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => GetType().Name;

    private static string NormalizeTypeName(string name) =>
        (name.EndsWith("Type", StringComparison.Ordinal) ? name[..^4] : name).ToLowerInvariant();

    /// <summary>The engine column type this data type is stored as.</summary>
    internal abstract ColumnType ToColumnType();

    /// <summary>The public data type of an engine column type.</summary>
    internal static DataType FromColumnType(ColumnType type) => type.Kind switch
    {
        TypeKind.Null => new NullType(),
        TypeKind.Boolean => new BooleanType(),
        TypeKind.Int32 => new IntegerType(),
        TypeKind.Int64 => new LongType(),
        TypeKind.Float32 => new FloatType(),
        TypeKind.Float64 => new DoubleType(),
        TypeKind.String => new StringType(),
        TypeKind.Binary => new BinaryType(),
        TypeKind.Date => new DateType(),
        TypeKind.Timestamp => new TimestampType(),
        TypeKind.Decimal => new DecimalType(type.Precision, type.Scale),
        TypeKind.Array => new ArrayType(FromColumnType(type.Element!), containsNull: true),
        _ => throw new NotSupportedException($"type {type} has no Spark data type"),
    };
}
