using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>The type of an untyped null literal (Spark's NullType, "void").</summary>
internal sealed class NullType : DataType
{
    public override string TypeName => "void";

    internal override ColumnType ToColumnType() => ColumnType.Null;
}
