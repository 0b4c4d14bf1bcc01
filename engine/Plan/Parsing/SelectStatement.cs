using Kindling.Plan.Expressions;

namespace Kindling.Plan.Parsing;

/// <summary>A parsed single-table SELECT (see <see cref="SqlExpressionParser.ParseSelect"/>).</summary>
internal sealed record SelectStatement(
    bool Distinct,
    IReadOnlyList<Expr> Items,
    string Table,
    Expr? Where,
    IReadOnlyList<Expr> GroupBy,
    Expr? Having,
    IReadOnlyList<Expr> OrderBy,
    int? Limit);
