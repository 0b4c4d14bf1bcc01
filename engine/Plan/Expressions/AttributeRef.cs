using System.Threading;
using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>
/// A reference to a column produced by a plan node, identified by a unique id (Catalyst's
/// AttributeReference), so that <c>df1["id"] == df2["id"]</c> stays unambiguous after a join.
/// </summary>
internal sealed class AttributeRef(string name, ColumnType type, bool nullable, long id) : LeafExpr
{
    private static long s_nextId;

    public static long NewId() => Interlocked.Increment(ref s_nextId);

    public static AttributeRef Create(string name, ColumnType type, bool nullable) => new(name, type, nullable, NewId());

    public string Name { get; } = name;

    public long Id { get; } = id;

    public override ColumnType Type { get; } = type;

    public override bool Nullable { get; } = nullable;

    public AttributeRef WithNullable(bool nullable) => nullable == Nullable ? this : new(Name, Type, nullable, Id);

    public AttributeRef WithName(string name) => new(name, Type, Nullable, Id);

    public AttributeRef WithNewId() => new(Name, Type, Nullable, NewId());

    public Field ToField() => new(Name, Type, Nullable);

    public override string ToString() => $"{Name}#{Id}";

    public override string PrettyName => Name;
}
