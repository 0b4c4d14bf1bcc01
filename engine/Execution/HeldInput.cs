using Kindling.Vectors;

namespace Kindling.Execution;

/// <summary>
/// For operators that hold their whole input in memory and do not spill (window, top-N window, nested-loop
/// join): the check of what they hold against the query memory limit, with one message naming the operator.
/// </summary>
internal static class HeldInput
{
    /// <summary>Reads all of <paramref name="child"/>'s non-empty batches, checking the bytes held after each.</summary>
    /// <param name="advice">What besides raising the limit helps, e.g. "filter/project the window's input first".</param>
    public static List<ColumnBatch> Load(PhysicalOperator child, QueryContext context, string operatorName, string advice)
    {
        var batches = new List<ColumnBatch>();
        long bytes = 0;
        foreach (var batch in child.Execute(context))
        {
            if (batch.RowCount == 0) continue;
            batches.Add(batch);
            Check(bytes += BatchMemory.EstimateBytes(batch), context, operatorName, advice);
        }
        return batches;
    }

    /// <summary>Throws <see cref="InsufficientMemoryException"/> when <paramref name="bytes"/> held exceed the query memory limit.</summary>
    public static void Check(long bytes, QueryContext context, string operatorName, string advice)
    {
        if (bytes <= context.MemoryLimitBytes) return;
        throw new InsufficientMemoryException(
            $"{operatorName} ran out of memory: the input it holds takes {BatchMemory.FormatMiB(bytes)}, over the " +
            $"{BatchMemory.FormatMiB(context.MemoryLimitBytes)} query memory limit. Raise spark.kindling.memoryLimit or {advice}; " +
            $"{operatorName} holds its whole input in memory and does not spill.");
    }
}
