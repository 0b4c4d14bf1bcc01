using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>A column named by the user, not yet bound to an attribute ("*" is the star).</summary>
internal sealed class UnresolvedAttribute(string name) : LeafExpr
{
    public string Name { get; } = name;

    public bool IsStar => Name == "*";

    public override ColumnType Type => throw PlanThrow.Unresolved(this);

    public override bool Resolved => false;

    public override string ToString() => "'" + Name;

    public override string PrettyName => Name;
}
