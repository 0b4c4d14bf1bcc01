using Kindling.Plan.Expressions;

namespace Kindling.Plan.Logical;

/// <summary>
/// Repartition(n) / Coalesce(n): on one machine the rows are not moved (every query runs on all cores), but the
/// partition count still means what Spark users rely on when writing: one partition writes one file (per
/// partition folder). Execution passes the child's batches through.
/// </summary>
internal sealed class Repartition(int numPartitions, bool shuffle, LogicalPlan child) : UnaryPlan(child)
{
    public int NumPartitions { get; } = numPartitions > 0
        ? numPartitions
        : throw new ArgumentException($"Number of partitions ({numPartitions}) must be positive.", nameof(numPartitions));

    /// <summary>True for Repartition (a shuffle in Spark), false for Coalesce.</summary>
    public bool Shuffle { get; } = shuffle;

    public override IReadOnlyList<AttributeRef> Output => Child.Output;

    public override IReadOnlyList<Expr> Expressions => [];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this;

    public override LogicalPlan WithChild(LogicalPlan child) => new Repartition(NumPartitions, Shuffle, child);

    public override long? EstimatedRows => Child.EstimatedRows;

    public override string NodeString => $"Repartition {NumPartitions}, {(Shuffle ? "true" : "false")}";

    /// <summary>
    /// The partition count the rows of <paramref name="plan"/> come in when a Repartition sits under it with only
    /// row-by-row operators (projections, filters) between, as Spark keeps partitioning through narrow operators.
    /// </summary>
    public static int? PartitionsOf(LogicalPlan plan) => plan switch
    {
        Repartition r => r.NumPartitions,
        Project p => PartitionsOf(p.Child),
        Filter f => PartitionsOf(f.Child),
        _ => null,
    };
}
