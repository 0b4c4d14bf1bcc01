using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;

namespace Kindling.Optimizer;

/// <summary>
/// <c>Project(p1, Project(p2, x))</c> → one Project with p2's expressions substituted into p1
/// (Catalyst's CollapseProject), unless that would duplicate a non-trivial expression.
/// </summary>
internal sealed class CombineProjectsRule : IOptimizerRule
{
    public string Name => "CombineProjects";

    public LogicalPlan Apply(LogicalPlan plan) => plan.TransformUp(p =>
    {
        if (p is not Project { Child: Project inner } outer) return p;
        var aliases = inner.Projections.OfType<Alias>().ToDictionary(a => a.Id);
        // Only collapse when each computed inner column is used at most once.
        var uses = outer.Projections.SelectMany(e => e.References()).GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (id, alias) in aliases)
            if (uses.TryGetValue(id, out int n) && n > 1 && alias.Child is not (Literal or AttributeRef)) return p;
        var merged = outer.Projections.Select(e => Substitute(e, aliases)).ToList();
        return new Project(merged, inner.Child);
    });

    internal static Expr Substitute(Expr e, IReadOnlyDictionary<long, Alias> aliases)
    {
        if (e is AttributeRef top && aliases.TryGetValue(top.Id, out var topAlias))
            return new Alias(topAlias.Child, top.Name, top.Id);
        if (e is Alias outerAlias)
            return new Alias(SubstituteInner(outerAlias.Child, aliases), outerAlias.Name, outerAlias.Id);
        return SubstituteInner(e, aliases);
    }

    internal static Expr SubstituteInner(Expr e, IReadOnlyDictionary<long, Alias> aliases) =>
        e.TransformUp(x => x is AttributeRef a && aliases.TryGetValue(a.Id, out var al) ? al.Child : x);
}
