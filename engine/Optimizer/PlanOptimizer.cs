using Kindling.Plan.Logical;

namespace Kindling.Optimizer;

/// <summary>Runs the rules in order, repeating the batch until the plan stops changing (at most a few passes).</summary>
internal static class PlanOptimizer
{
    public static readonly IReadOnlyList<IOptimizerRule> Rules =
    [
        new ConstantFoldingRule(),
        new CombineFiltersRule(),
        new PushDownFilterRule(),
        new PartitionFilterRule(),
        new CombineProjectsRule(),
        new ColumnPruningRule(),
        new JoinOrderRule(),
    ];

    public static LogicalPlan Optimize(LogicalPlan plan)
    {
        for (int pass = 0; pass < 5; pass++)
        {
            var before = plan;
            foreach (var rule in Rules) plan = rule.Apply(plan);
            if (ReferenceEquals(before, plan) || before.TreeString() == plan.TreeString()) break;
        }
        return plan;
    }
}
