using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the float data type.</summary>
public sealed class FloatType : FractionalType
{
    /// <summary>Creates the float type.</summary>
    public FloatType()
    {
    }

    internal override ColumnType ToColumnType() => ColumnType.Float32;
}
