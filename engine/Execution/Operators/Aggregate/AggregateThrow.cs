using System.Diagnostics.CodeAnalysis;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

/// <summary>The hash aggregate's errors: each says what outgrew the memory limit and what to raise.</summary>
internal static class AggregateThrow
{
    [DoesNotReturn]
    public static void GlobalAggregateOverLimit(long bytes, long share, QueryContext context) =>
        throw new InsufficientMemoryException(
            $"HashAggregate ran out of memory: the states of an aggregate without group columns take {BatchMemory.FormatMiB(bytes)}, over this " +
            $"worker's share ({BatchMemory.FormatMiB(share)}) of the {BatchMemory.FormatMiB(context.MemoryLimitBytes)} query memory limit. " +
            "Raise spark.kindling.memoryLimit; only an aggregate with group columns can spill.");

    [DoesNotReturn]
    public static void StatesOverLimit(int groups, long bytes, QueryContext context) =>
        throw new InsufficientMemoryException(
            $"HashAggregate ran out of memory: it spills new groups, but after it stopped taking them the states of the {groups} groups it holds " +
            $"kept growing, to {BatchMemory.FormatMiB(bytes)} (more than twice what they took then, and more than the " +
            $"{BatchMemory.FormatMiB(context.MemoryLimitBytes)} query memory limit on top): a group's state (count distinct, percentile, " +
            "min/max of strings) is too large. Raise spark.kindling.memoryLimit.");

    [DoesNotReturn]
    public static void SpillTooDeep(int splits, int groups, QueryContext context) =>
        throw new InsufficientMemoryException(
            $"HashAggregate ran out of memory: a spilled partition still does not fit the {BatchMemory.FormatMiB(context.MemoryLimitBytes)} query " +
            $"memory limit after it was split {splits} times (the last table holds {groups} groups). Raise spark.kindling.memoryLimit.");
}
