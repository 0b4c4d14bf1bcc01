using System.Diagnostics.CodeAnalysis;
using Kindling.Plan.Expressions;

namespace Kindling.Plan;

/// <summary>
/// Errors of the plan layer. <see cref="AnalysisException"/>s are the user's (bad column, type mismatch);
/// <see cref="InvalidOperationException"/>s from here are engine bugs.
/// </summary>
internal static class PlanThrow
{
    public static Exception Unresolved(Expr e) => new InvalidOperationException($"internal error: type of unresolved expression {e} requested");

    [DoesNotReturn]
    public static void ColumnNotFound(string name, IEnumerable<string> valid) =>
        throw new AnalysisException($"[UNRESOLVED_COLUMN] A column or function parameter with name `{name}` cannot be resolved. Did you mean one of the following? [{string.Join(", ", valid.Select(v => "`" + v + "`"))}]");

    [DoesNotReturn]
    public static void Ambiguous(string name, IEnumerable<string> candidates) =>
        throw new AnalysisException($"[AMBIGUOUS_REFERENCE] Reference `{name}` is ambiguous, could be: [{string.Join(", ", candidates)}]. Use DataFrame[\"{name}\"] of the intended DataFrame, or rename a column with WithColumnRenamed.");

    [DoesNotReturn]
    public static void TypeMismatch(string message) => throw new AnalysisException("[DATATYPE_MISMATCH] " + message);

    /// <summary>Grouping, sorting, partitioning or aggregating by array values (Spark can; this engine cannot yet).</summary>
    [DoesNotReturn]
    public static void ArrayKey(string role, Expr e) =>
        throw new AnalysisException($"[UNSUPPORTED_ARRAY_KEY] {role} the array column `{e.PrettyName}` ({e.Type}) is not supported by the engine; use a scalar derived from it (for example element_at, size or CAST(... AS STRING))");

    /// <summary>Rejects <paramref name="e"/> when it is a resolved array expression used as a key.</summary>
    public static void IfArrayKey(string role, Expr e)
    {
        if (e.Resolved && e.Type.Kind == Vectors.TypeKind.Array) ArrayKey(role, e);
    }

    [DoesNotReturn]
    public static void Analysis(string message) => throw new AnalysisException(message);
}
