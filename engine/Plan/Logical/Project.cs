using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>Computes a list of named expressions (AttributeRef or Alias) per row.</summary>
internal sealed class Project(IReadOnlyList<Expr> projections, LogicalPlan child) : UnaryPlan(child)
{
    public IReadOnlyList<Expr> Projections { get; } = projections;

    public override IReadOnlyList<AttributeRef> Output { get; } = [.. projections.Select(ToAttribute)];

    public override IReadOnlyList<Expr> Expressions => Projections;

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => new Project(expressions, Child);

    public override LogicalPlan WithChild(LogicalPlan child) => new Project(Projections, child);

    public override long? EstimatedRows => Child.EstimatedRows;

    public override string NodeString => "Project " + List(Projections);

    public static AttributeRef ToAttribute(Expr e) => e switch
    {
        AttributeRef a => a,
        Alias a => a.ToAttribute(),
        _ => throw new InvalidOperationException($"internal error: unnamed projection {e}"),
    };
}
