using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>GROUP BY <see cref="Groupings"/> computing <see cref="Aggregates"/> (named; may combine aggregates and grouping expressions).</summary>
internal sealed class Aggregate(IReadOnlyList<Expr> groupings, IReadOnlyList<Expr> aggregates, LogicalPlan child) : UnaryPlan(child)
{
    public IReadOnlyList<Expr> Groupings { get; } = RejectArrayKeys(groupings, aggregates);

    public IReadOnlyList<Expr> Aggregates { get; } = aggregates;

    /// <summary>Hash grouping and the value-keeping aggregates (min, first, distinct, ...) have no array kernels; counting does.</summary>
    private static IReadOnlyList<Expr> RejectArrayKeys(IReadOnlyList<Expr> groupings, IReadOnlyList<Expr> aggregates)
    {
        foreach (var g in groupings) PlanThrow.IfArrayKey("Grouping by", g);
        foreach (var a in aggregates)
            foreach (var call in a.Descendants().OfType<AggregateExpr>())
                if (call.Function is not (Execution.Operators.Aggregate.AggregateFunction.Count or Execution.Operators.Aggregate.AggregateFunction.CountAll))
                    foreach (var input in call.Children) PlanThrow.IfArrayKey($"Aggregating ({call.PrettyName})", input);
        return groupings;
    }

    public override IReadOnlyList<AttributeRef> Output { get; } = [.. aggregates.Select(Project.ToAttribute)];

    public override IReadOnlyList<Expr> Expressions => [.. Groupings, .. Aggregates];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) =>
        new Aggregate([.. expressions.Take(Groupings.Count)], [.. expressions.Skip(Groupings.Count)], Child);

    public override LogicalPlan WithChild(LogicalPlan child) => new Aggregate(Groupings, Aggregates, child);

    public override string NodeString => $"Aggregate {List(Groupings)}, {List(Aggregates)}";
}
