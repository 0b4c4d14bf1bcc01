using Kindling.Plan.Logical;

namespace Kindling.Optimizer;

/// <summary>One logical rewrite (DataFusion's OptimizerRule): returns the same instance when it changes nothing.</summary>
internal interface IOptimizerRule
{
    string Name { get; }

    LogicalPlan Apply(LogicalPlan plan);
}
