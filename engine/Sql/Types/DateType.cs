using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the date data type.</summary>
public sealed class DateType : AtomicType
{
    /// <summary>Creates the date type.</summary>
    public DateType()
    {
    }

    internal override ColumnType ToColumnType() => ColumnType.Date;
}
