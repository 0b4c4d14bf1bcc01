using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kindling.Sql.Types;

/// <summary>A field inside a StructType.</summary>
public sealed class StructField
{
    /// <summary>Creates a field.</summary>
    /// <param name="name">The name of this field</param>
    /// <param name="dataType">The data type of this field</param>
    /// <param name="isNullable">Indicates if values of this field can be null values</param>
    /// <param name="metadata">The metadata of this field</param>
    public StructField(string name, DataType dataType, bool isNullable = true, JsonObject? metadata = null)
    {
        Name = name;
        DataType = dataType;
        IsNullable = isNullable;
        Metadata = metadata ?? [];
    }

    /// <summary>The name of this field.</summary>
    public string Name { get; }

    /// <summary>The data type of this field.</summary>
    public DataType DataType { get; }

    /// <summary>Indicates if values of this field can be null values.</summary>
    public bool IsNullable { get; }

    internal JsonObject Metadata { get; }

    internal string Json =>
        $"{{\"name\":{JsonSerializer.Serialize(Name)},\"type\":{DataType.Json},\"nullable\":{(IsNullable ? "true" : "false")},\"metadata\":{Metadata.ToJsonString()}}}";

    /// <inheritdoc/>
    public override string ToString() => $"StructField({Name},{DataType},{IsNullable})";

    /// <inheritdoc/>
    public override bool Equals(object? obj) =>
        obj is StructField f && f.Name == Name && f.DataType.Equals(DataType) && f.IsNullable == IsNullable;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, DataType, IsNullable);
}
