using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the long data type.</summary>
public sealed class LongType : IntegralType
{
    /// <summary>Creates the long type.</summary>
    public LongType()
    {
    }

    /// <inheritdoc/>
    public override string SimpleString => "bigint";

    internal override ColumnType ToColumnType() => ColumnType.Int64;
}
