using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the short data type.</summary>
public sealed class ShortType : IntegralType
{
    /// <summary>Creates the short type.</summary>
    public ShortType()
    {
    }

    /// <inheritdoc/>
    public override string SimpleString => "smallint";

    internal override ColumnType ToColumnType() => ColumnType.Int32;
}
