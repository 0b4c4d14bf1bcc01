using Kindling.Execution.Operators.Aggregate;
using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>A resolved aggregate function call (sum, count, first, ...).</summary>
internal sealed class AggregateExpr(AggregateFunction function, IReadOnlyList<Expr> args, ColumnType type, string displayName, bool ignoreNulls = true) : Expr
{
    public AggregateFunction Function { get; } = function;

    public string DisplayName { get; } = displayName;

    public bool IgnoreNulls { get; } = ignoreNulls;

    public override IReadOnlyList<Expr> Children { get; } = [.. args];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new AggregateExpr(Function, children, Type, DisplayName, IgnoreNulls);

    public override ColumnType Type { get; } = type;

    public override bool Nullable => Function is not (AggregateFunction.Count or AggregateFunction.CountAll or AggregateFunction.CountDistinct);

    public override bool Foldable => false;

    public override string ToString() => $"{DisplayName}({string.Join(", ", Children)})";

    public override string PrettyName => Function == AggregateFunction.CountAll
        ? "count(1)"
        : $"{DisplayName}({string.Join(", ", Children.Select(c => c.PrettyName))})";
}
