using Kindling.Formats.IO;
using Kindling.Vectors;

namespace Kindling.Execution;

/// <summary>
/// Runs a per-batch transformation (filter, projection) on all cores: the child is pulled on the consumer's
/// thread, up to two batches per core are transformed at once on the thread pool, and the results come out
/// in input order, so order-sensitive consumers (limit, row ids, sorted output) see what one thread would give.
/// Batches are immutable once produced, which is what makes reading ahead safe.
/// </summary>
internal static class BatchPipeline
{
    /// <param name="transform">Returns the transformed batch, or null to drop it.</param>
    public static IEnumerable<ColumnBatch> Map(IEnumerable<ColumnBatch> input, Func<ColumnBatch, ColumnBatch?> transform, QueryContext context)
    {
        var results = context.DegreeOfParallelism > 1
            ? OrderedParallel.Map(input, transform, context.DegreeOfParallelism * 2, context.Cancellation)
            : Sequential(input, transform, context);
        foreach (var batch in results)
            if (batch is not null) yield return batch;
    }

    private static IEnumerable<ColumnBatch?> Sequential(IEnumerable<ColumnBatch> input, Func<ColumnBatch, ColumnBatch?> transform, QueryContext context)
    {
        foreach (var batch in input)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            yield return transform(batch);
        }
    }
}
