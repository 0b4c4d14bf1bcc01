using Kindling.Execution.Evaluation;
using Kindling.Kernels.Cast;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Vectors;

namespace Kindling.Optimizer;

/// <summary>
/// Evaluates foldable expressions once (Catalyst's ConstantFolding), and simplifies boolean logic with
/// constant sides (<c>true AND x</c> → x, <c>false AND x</c> → false, <c>x OR true</c> → true); drops
/// filters whose condition folds to true.
/// </summary>
internal sealed class ConstantFoldingRule : IOptimizerRule
{
    private static readonly ColumnBatch OneRow = new(Schema.Empty, [], 1);

    public string Name => "ConstantFolding";

    public LogicalPlan Apply(LogicalPlan plan) => plan.TransformUp(p =>
    {
        var folded = p.MapExpressions(e => e.TransformUp(Fold));
        if (folded is Filter { Condition: Literal { Value: true } } f) return f.Child;
        return folded;
    });

    public static Expr Fold(Expr e)
    {
        if (e is LogicalExpr l)
        {
            if (l.Left is Literal { Value: bool a }) return a == l.IsAnd ? l.Right : Literal.FromObject(a);
            if (l.Right is Literal { Value: bool b } && b != l.IsAnd) return Literal.FromObject(b);
            if (l.Right is Literal { Value: bool c } && c == l.IsAnd) return l.Left;
            return e;
        }
        if (e is Literal or Alias || !e.Foldable || !e.Resolved) return e;
        if (e.Type.Kind == TypeKind.Array) return e; // literals hold scalars; functions of the array still fold
        try
        {
            var v = ExpressionEvaluator.Evaluate(e, OneRow);
            return new Literal(CastKernels.ScalarValue(v, 0), e.Type);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or OverflowException or FormatException)
        {
            return e; // leave it for run time, which reports the error in context
        }
    }
}
