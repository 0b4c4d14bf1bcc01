using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the double data type.</summary>
public sealed class DoubleType : FractionalType
{
    /// <summary>Creates the double type.</summary>
    public DoubleType()
    {
    }

    internal override ColumnType ToColumnType() => ColumnType.Float64;
}
