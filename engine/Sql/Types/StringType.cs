using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the string data type.</summary>
public sealed class StringType : AtomicType
{
    /// <summary>Creates the string type.</summary>
    public StringType()
    {
    }

    internal override ColumnType ToColumnType() => ColumnType.String;
}
