using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the timestamp data type.</summary>
public sealed class TimestampType : AtomicType
{
    /// <summary>Creates the timestamp type.</summary>
    public TimestampType()
    {
    }

    internal override ColumnType ToColumnType() => ColumnType.Timestamp;
}
