namespace Kindling.Sql.Types;

/// <summary>The base type of fractional numeric types (float, double, decimal).</summary>
public abstract class FractionalType : AtomicType
{
}
