using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>The data type for collections of multiple values.</summary>
public sealed class ArrayType : DataType
{
    /// <summary>Creates an array type of <paramref name="elementType"/>.</summary>
    public ArrayType(DataType elementType, bool containsNull = true)
    {
        ElementType = elementType;
        ContainsNull = containsNull;
    }

    internal DataType ElementType { get; }

    internal bool ContainsNull { get; }

    /// <inheritdoc/>
    public override string SimpleString => $"array<{ElementType.SimpleString}>";

    internal override string Json =>
        $"{{\"type\":\"array\",\"elementType\":{ElementType.Json},\"containsNull\":{(ContainsNull ? "true" : "false")}}}";

    internal override ColumnType ToColumnType() =>
        throw new NotSupportedException($"{SimpleString} columns are not supported by the engine yet");
}
