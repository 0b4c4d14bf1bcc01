using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>GROUP BY <see cref="Groupings"/> computing <see cref="Aggregates"/> (named; may combine aggregates and grouping expressions).</summary>
internal sealed class Aggregate(IReadOnlyList<Expr> groupings, IReadOnlyList<Expr> aggregates, LogicalPlan child) : UnaryPlan(child)
{
    public IReadOnlyList<Expr> Groupings { get; } = groupings;

    public IReadOnlyList<Expr> Aggregates { get; } = aggregates;

    public override IReadOnlyList<AttributeRef> Output { get; } = [.. aggregates.Select(Project.ToAttribute)];

    public override IReadOnlyList<Expr> Expressions => [.. Groupings, .. Aggregates];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) =>
        new Aggregate([.. expressions.Take(Groupings.Count)], [.. expressions.Skip(Groupings.Count)], Child);

    public override LogicalPlan WithChild(LogicalPlan child) => new Aggregate(Groupings, Aggregates, child);

    public override string NodeString => $"Aggregate {List(Groupings)}, {List(Aggregates)}";
}
