using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>A function call by name from the public API; the analyzer resolves it through the function registry.</summary>
internal sealed class UnresolvedFunction(string name, IReadOnlyList<Expr> args, bool distinct = false) : Expr
{
    public string Name { get; } = name;

    public bool Distinct { get; } = distinct;

    public override IReadOnlyList<Expr> Children { get; } = [.. args];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new UnresolvedFunction(Name, children, Distinct);

    public override ColumnType Type => throw PlanThrow.Unresolved(this);

    public override bool Resolved => false;

    public override string ToString() => $"'{Name}({(Distinct ? "DISTINCT " : "")}{string.Join(", ", Children)})";

    public override string PrettyName => $"{Name}({(Distinct ? "DISTINCT " : "")}{string.Join(", ", Children.Select(c => c.PrettyName))})";
}
