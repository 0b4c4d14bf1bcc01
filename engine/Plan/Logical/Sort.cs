using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>Orders rows by SortOrder expressions (a global, stable sort).</summary>
internal sealed class Sort(IReadOnlyList<SortOrder> orders, LogicalPlan child) : UnaryPlan(child)
{
    public IReadOnlyList<SortOrder> Orders { get; } = RejectArrayKeys(orders);

    private static IReadOnlyList<SortOrder> RejectArrayKeys(IReadOnlyList<SortOrder> orders)
    {
        foreach (var o in orders) PlanThrow.IfArrayKey("Sorting by", o.Child);
        return orders;
    }

    public override IReadOnlyList<AttributeRef> Output => Child.Output;

    public override IReadOnlyList<Expr> Expressions => Orders;

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => new Sort([.. expressions.Cast<SortOrder>()], Child);

    public override LogicalPlan WithChild(LogicalPlan child) => new Sort(Orders, child);

    public override long? EstimatedRows => Child.EstimatedRows;

    public override string NodeString => "Sort " + List(Orders) + ", true";
}
