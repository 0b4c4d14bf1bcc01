using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>A column of the input batch by position: what physical operators evaluate.</summary>
internal sealed class BoundRef(int ordinal, ColumnType type, bool nullable, string name) : LeafExpr
{
    public int Ordinal { get; } = ordinal;

    public string Name { get; } = name;

    public override ColumnType Type { get; } = type;

    public override bool Nullable { get; } = nullable;

    public override string ToString() => $"{Name}@{Ordinal}";
}
