using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the integer data type.</summary>
public sealed class IntegerType : IntegralType
{
    /// <summary>Creates the integer type.</summary>
    public IntegerType()
    {
    }

    /// <inheritdoc/>
    public override string SimpleString => "int";

    internal override ColumnType ToColumnType() => ColumnType.Int32;
}
