using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>
/// Adds window function columns (Alias over WindowExpr) to the child's columns. All expressions share one
/// partitioning and ordering (the analyzer splits differing specs into stacked nodes).
/// </summary>
internal sealed class Window(IReadOnlyList<Alias> windowExpressions, LogicalPlan child) : UnaryPlan(child)
{
    public IReadOnlyList<Alias> WindowExpressions { get; } = windowExpressions;

    public override IReadOnlyList<AttributeRef> Output => [.. Child.Output, .. WindowExpressions.Select(a => a.ToAttribute())];

    public override IReadOnlyList<Expr> Expressions => WindowExpressions;

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => new Window([.. expressions.Cast<Alias>()], Child);

    public override LogicalPlan WithChild(LogicalPlan child) => new Window(WindowExpressions, child);

    public override long? EstimatedRows => Child.EstimatedRows;

    public override string NodeString => "Window " + List(WindowExpressions);
}
