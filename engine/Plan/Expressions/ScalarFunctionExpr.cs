using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>A resolved scalar function (lower, year, round, ...); constant parameters are literal children.</summary>
internal sealed class ScalarFunctionExpr(string name, IReadOnlyList<Expr> args, ColumnType type, bool nullable = true) : Expr
{
    public string Name { get; } = name;

    public override IReadOnlyList<Expr> Children { get; } = [.. args];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new ScalarFunctionExpr(Name, children, Type, _nullable);

    private readonly bool _nullable = nullable;

    public override ColumnType Type { get; } = type;

    public override bool Nullable => _nullable || base.Nullable;

    /// <summary>current_date and friends are evaluated once per query, so they fold like constants.</summary>
    public override bool Foldable => Children.Count == 0 || base.Foldable;

    public override string ToString() => $"{Name}({string.Join(", ", Children)})";

    public override string PrettyName => $"{Name}({string.Join(", ", Children.Select(c => c.PrettyName))})";
}
