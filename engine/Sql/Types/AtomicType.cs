namespace Kindling.Sql.Types;

/// <summary>An internal type used to represent a simple type.</summary>
public abstract class AtomicType : DataType
{
}
