using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Struct type represents a struct with multiple fields; a DataFrame's schema is one.</summary>
public sealed class StructType : DataType
{
    /// <summary>Creates a struct type from its fields.</summary>
    public StructType(IEnumerable<StructField> fields)
    {
        Fields = [.. fields];
    }

    /// <summary>The fields of this struct.</summary>
    public List<StructField> Fields { get; }

    /// <inheritdoc/>
    public override string TypeName => "struct";

    /// <inheritdoc/>
    public override string SimpleString =>
        "struct<" + string.Join(",", Fields.Select(f => f.Name + ":" + f.DataType.SimpleString)) + ">";

    internal override string Json => "{\"type\":\"struct\",\"fields\":[" + string.Join(",", Fields.Select(f => f.Json)) + "]}";

    /// <summary>Spark's tree string, as printed by printSchema.</summary>
    internal string TreeString()
    {
        var sb = new System.Text.StringBuilder("root\n");
        foreach (var f in Fields)
        {
            sb.Append(" |-- ").Append(f.Name).Append(": ").Append(f.DataType.TypeName)
              .Append(" (nullable = ").Append(f.IsNullable ? "true" : "false").Append(")\n");
            string indent = " |    ";
            for (var t = f.DataType as ArrayType; t is not null; t = t.ElementType as ArrayType, indent += "|    ")
                sb.Append(indent).Append("|-- element: ").Append(t.ElementType.TypeName)
                  .Append(" (containsNull = ").Append(t.ContainsNull ? "true" : "false").Append(")\n");
        }
        return sb.ToString();
    }

    internal override ColumnType ToColumnType() => throw new NotSupportedException("struct columns are not supported by the engine yet");

    internal Schema ToSchema() => new(Fields.Select(f => new Field(f.Name, f.DataType.ToColumnType(), f.IsNullable)).ToList());

    internal static StructType FromSchema(Schema schema) =>
        new(schema.Fields.Select(f => new StructField(f.Name, FromColumnType(f.Type), f.Nullable)));
}
