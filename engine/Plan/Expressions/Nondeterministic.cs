namespace Kindling.Plan.Expressions;

/// <summary>
/// Expressions whose value depends on the position of a row in its input (Catalyst's Nondeterministic):
/// the optimizer must not move filters below them, or the values would change.
/// </summary>
internal static class Nondeterministic
{
    public const string MonotonicallyIncreasingId = "monotonically_increasing_id";

    public static bool IsRowId(Expr e) => e is ScalarFunctionExpr { Name: MonotonicallyIncreasingId };

    public static bool Contains(Expr e) => e.Any(IsRowId);
}
