using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the binary data type.</summary>
public sealed class BinaryType : AtomicType
{
    /// <summary>Creates the binary type.</summary>
    public BinaryType()
    {
    }

    internal override ColumnType ToColumnType() => ColumnType.Binary;
}
