using Kindling.Execution.Operators.Window;
using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>A ranking/offset window function (row_number, rank, lag, ...) before it is placed over a window.</summary>
internal sealed class WindowFunctionExpr(WindowFunction function, IReadOnlyList<Expr> args, ColumnType type, string displayName, int offset = 1, object? defaultValue = null) : Expr
{
    public WindowFunction Function { get; } = function;

    public string DisplayName { get; } = displayName;

    public int Offset { get; } = offset;

    public object? DefaultValue { get; } = defaultValue;

    public override IReadOnlyList<Expr> Children { get; } = [.. args];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new WindowFunctionExpr(Function, children, Type, DisplayName, Offset, DefaultValue);

    public override ColumnType Type { get; } = type;

    public override bool Nullable => Function is WindowFunction.Lag or WindowFunction.Lead || base.Nullable;

    public override bool Foldable => false;

    public override string ToString() => $"{DisplayName}({string.Join(", ", Children)})";

    public override string PrettyName => $"{DisplayName}({string.Join(", ", Children.Select(c => c.PrettyName))})";
}
