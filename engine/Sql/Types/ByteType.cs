using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the byte data type.</summary>
public sealed class ByteType : IntegralType
{
    /// <summary>Creates the byte type.</summary>
    public ByteType()
    {
    }

    /// <inheritdoc/>
    public override string SimpleString => "tinyint";

    internal override ColumnType ToColumnType() => ColumnType.Int32;
}
