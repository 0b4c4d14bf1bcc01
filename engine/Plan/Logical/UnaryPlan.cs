namespace Kindling.Plan.Logical;

/// <summary>A plan node with one child.</summary>
internal abstract class UnaryPlan(LogicalPlan child) : LogicalPlan
{
    public LogicalPlan Child { get; } = child;

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => WithChild(children[0]);

    public abstract LogicalPlan WithChild(LogicalPlan child);
}
