namespace Kindling.Vectors;

/// <summary>A named, typed column of a schema.</summary>
internal sealed record Field(string Name, ColumnType Type, bool Nullable = true)
{
    public override string ToString() => $"{Name}: {Type}{(Nullable ? "" : " not null")}";
}
