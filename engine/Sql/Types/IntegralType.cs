namespace Kindling.Sql.Types;

/// <summary>The base type of integral numeric types (byte, short, int, long).</summary>
public abstract class IntegralType : AtomicType
{
}
