using System.Text;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet;

/// <summary>Maps engine column types to Parquet schema elements and back, and writes Spark's schema JSON.</summary>
internal static class ParquetSchemaMapping
{
    public const string SparkSchemaKey = "org.apache.spark.sql.parquet.row.metadata";

    /// <summary>The name of the leaf inside the standard 3-level LIST group (Spark and parquet-mr's default).</summary>
    public const string ListElementName = "element";

    /// <summary>The repeated group between a LIST and its element.</summary>
    public const string ListGroupName = "list";

    /// <summary>
    /// A field's schema elements in file order: one leaf for a scalar column; for an array, the standard 3-level
    /// LIST: <c>&lt;optional|required&gt; group name (LIST) { repeated group list { optional element; } }</c>.
    /// </summary>
    public static SchemaElement[] ToElements(Field field)
    {
        if (field.Type.Kind != TypeKind.Array) return [ToElement(field)];
        var list = new SchemaElement
        {
            Name = field.Name,
            Repetition = field.Nullable ? FieldRepetition.Optional : FieldRepetition.Required,
            NumChildren = 1,
            ConvertedType = ConvertedType.List,
            LogicalType = new LogicalType(LogicalTypeKind.List),
        };
        var repeated = new SchemaElement { Name = ListGroupName, Repetition = FieldRepetition.Repeated, NumChildren = 1 };
        return [list, repeated, ToElement(new Field(ListElementName, field.Type.Element!, Nullable: true), field.Name)];
    }

    /// <param name="parent">The array column a LIST's element belongs to, for messages.</param>
    public static SchemaElement ToElement(Field field, string? parent = null)
    {
        var e = new SchemaElement { Name = field.Name, Repetition = field.Nullable ? FieldRepetition.Optional : FieldRepetition.Required };
        var t = field.Type;
        switch (t.Kind)
        {
            case TypeKind.Boolean: e.Type = PhysicalType.Boolean; break;
            case TypeKind.Int32: e.Type = PhysicalType.Int32; break;
            case TypeKind.Int64: e.Type = PhysicalType.Int64; break;
            case TypeKind.Float32: e.Type = PhysicalType.Float; break;
            case TypeKind.Float64: e.Type = PhysicalType.Double; break;
            case TypeKind.Binary: e.Type = PhysicalType.ByteArray; break;
            case TypeKind.String:
                e.Type = PhysicalType.ByteArray;
                e.ConvertedType = ConvertedType.Utf8;
                e.LogicalType = new LogicalType(LogicalTypeKind.String);
                break;
            case TypeKind.Date:
                e.Type = PhysicalType.Int32;
                e.ConvertedType = ConvertedType.Date;
                e.LogicalType = new LogicalType(LogicalTypeKind.Date);
                break;
            case TypeKind.Timestamp:
                e.Type = PhysicalType.Int64;
                e.ConvertedType = ConvertedType.TimestampMicros;
                e.LogicalType = new LogicalType(LogicalTypeKind.Timestamp) { IsAdjustedToUtc = true, Unit = TimeUnit.Micros };
                break;
            case TypeKind.Decimal:
                e.Type = t.Precision <= 9 ? PhysicalType.Int32 : t.Precision <= 18 ? PhysicalType.Int64 : PhysicalType.FixedLenByteArray;
                if (e.Type == PhysicalType.FixedLenByteArray) e.TypeLength = DecimalByteLength(t.Precision);
                e.ConvertedType = ConvertedType.Decimal;
                e.Precision = t.Precision;
                e.Scale = t.Scale;
                e.LogicalType = new LogicalType(LogicalTypeKind.Decimal) { DecimalPrecision = t.Precision, DecimalScale = t.Scale };
                break;
            case TypeKind.Array:
                throw new NotSupportedException($"column '{parent}' of type array<{t}> cannot be written to Parquet: the engine writes arrays of scalars only, not arrays of arrays; cast it to a string (CAST({parent} AS STRING)) or write JSON");
            default:
                throw new NotSupportedException($"column '{field.Name}' of type {t} cannot be written to Parquet; cast it to a concrete type first");
        }
        return e;
    }

    /// <summary>The fewest bytes whose two's complement holds every value of <paramref name="precision"/> digits (Spark's rule).</summary>
    public static int DecimalByteLength(int precision)
    {
        int bytes = 1;
        while (Math.Log10(Math.Pow(2, 8 * bytes - 1)) < precision) bytes++;
        return bytes;
    }

    /// <summary>Spark's StructType JSON, which Spark reads back to restore the exact schema.</summary>
    public static string SparkSchemaJson(Schema schema)
    {
        var sb = new StringBuilder("{\"type\":\"struct\",\"fields\":[");
        for (int i = 0; i < schema.Count; i++)
        {
            var f = schema[i];
            if (i > 0) sb.Append(',');
            sb.Append("{\"name\":").Append(System.Text.Json.JsonSerializer.Serialize(f.Name))
              .Append(",\"type\":").Append(SparkTypeJson(f.Type)).Append(",\"nullable\":").Append(f.Nullable ? "true" : "false")
              .Append(",\"metadata\":{}}");
        }
        return sb.Append("]}").ToString();
    }

    private static string SparkTypeJson(ColumnType t) => t.Kind == TypeKind.Array
        ? $"{{\"type\":\"array\",\"elementType\":{SparkTypeJson(t.Element!)},\"containsNull\":true}}"
        : "\"" + SparkTypeName(t) + "\"";

    private static string SparkTypeName(ColumnType t) => t.Kind switch
    {
        TypeKind.Boolean => "boolean",
        TypeKind.Int32 => "integer",
        TypeKind.Int64 => "long",
        TypeKind.Float32 => "float",
        TypeKind.Float64 => "double",
        TypeKind.String => "string",
        TypeKind.Binary => "binary",
        TypeKind.Date => "date",
        TypeKind.Timestamp => "timestamp",
        TypeKind.Decimal => $"decimal({t.Precision},{t.Scale})",
        _ => "null",
    };
}
