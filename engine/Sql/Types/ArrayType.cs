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

    /// <remarks>The engine's arrays always allow null elements, so <see cref="ContainsNull"/> does not change the column type.</remarks>
    internal override ColumnType ToColumnType() => ColumnType.Array(ElementType.ToColumnType());
}
