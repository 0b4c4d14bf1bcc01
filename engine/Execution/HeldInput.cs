using Kindling.Memory;
using Kindling.Vectors;

namespace Kindling.Execution;

/// <summary>
/// For operators that hold their whole input in memory and do not spill (window, top-N window, nested-loop
/// join): reading it into a reservation of the query's memory, failing with one message that names the operator.
/// </summary>
internal static class HeldInput
{
    /// <summary>Reads all of <paramref name="child"/>'s non-empty batches, growing <paramref name="held"/> by each.</summary>
    /// <param name="advice">What besides raising the limit helps, e.g. "filter/project the window's input first".</param>
    public static List<ColumnBatch> Load(PhysicalOperator child, QueryContext context, MemoryReservation held, string advice)
    {
        var batches = new List<ColumnBatch>();
        foreach (var batch in child.Execute(context))
        {
            if (batch.RowCount == 0) continue;
            batches.Add(batch);
            Grow(held, BatchMemory.EstimateBytes(batch), advice);
        }
        return batches;
    }

    /// <summary>Adds <paramref name="bytes"/> to <paramref name="held"/>, or throws <see cref="InsufficientMemoryException"/> past the query memory limit.</summary>
    public static void Grow(MemoryReservation held, long bytes, string advice) =>
        held.Resize(held.Bytes + bytes, $"{advice} ({held.Consumer} holds its whole input in memory and does not spill)");
}
