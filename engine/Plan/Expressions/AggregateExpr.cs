using Kindling.Execution.Operators.Aggregate;
using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>A resolved aggregate function call (sum, count, first, ...).</summary>
internal sealed class AggregateExpr(AggregateFunction function, IReadOnlyList<Expr> args, ColumnType type, string displayName, bool ignoreNulls = true,
    double percentage = 0.5) : Expr
{
    public AggregateFunction Function { get; } = function;

    public string DisplayName { get; } = displayName;

    public bool IgnoreNulls { get; } = ignoreNulls;

    /// <summary>The percentile (0 to 1) of percentile functions.</summary>
    public double Percentage { get; } = percentage;

    public override IReadOnlyList<Expr> Children { get; } = [.. args];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new AggregateExpr(Function, children, Type, DisplayName, IgnoreNulls, Percentage);

    public override ColumnType Type { get; } = type;

    public override bool Nullable => Function is not (AggregateFunction.Count or AggregateFunction.CountAll or AggregateFunction.CountDistinct);

    public override bool Foldable => false;

    public override string ToString() => $"{DisplayName}({string.Join(", ", Children)}{PercentageText})";

    // percentile(col, 0.25) and percentile(col, 0.75) are different aggregates: the percentage is part of the name.
    private string PercentageText => Function is AggregateFunction.Percentile or AggregateFunction.PercentileApprox && DisplayName != "median"
        ? ", " + Percentage.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "";

    public override string PrettyName => Function == AggregateFunction.CountAll
        ? "count(1)"
        : $"{DisplayName}({string.Join(", ", Children.Select(c => c.PrettyName))}{PercentageText})";
}
