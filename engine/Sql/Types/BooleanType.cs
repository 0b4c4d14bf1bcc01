using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the boolean data type.</summary>
public sealed class BooleanType : AtomicType
{
    /// <summary>Creates the boolean type.</summary>
    public BooleanType()
    {
    }

    internal override ColumnType ToColumnType() => ColumnType.Boolean;
}
