namespace Kindling.Execution;

/// <summary>
/// What a query's operators share while running: the degree of parallelism (<c>--master local[N]</c>),
/// the memory budget that triggers spilling, where spills go, and cancellation.
/// </summary>
internal sealed class QueryContext
{
    public QueryContext(int degreeOfParallelism = 0, long memoryLimitBytes = 0, string? spillDirectory = null, CancellationToken cancellation = default)
    {
        DegreeOfParallelism = degreeOfParallelism > 0 ? degreeOfParallelism : Environment.ProcessorCount;
        // Default budget: 60% of what the GC says this process may use.
        MemoryLimitBytes = memoryLimitBytes > 0 ? memoryLimitBytes : (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.6);
        SpillDirectory = spillDirectory ?? Path.Combine(Path.GetTempPath(), "kindling-spill");
        Cancellation = cancellation;
    }

    public int DegreeOfParallelism { get; }

    public long MemoryLimitBytes { get; }

    public string SpillDirectory { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Rows per batch that operators aim for.</summary>
    public int BatchSize { get; init; } = Vectors.ColumnBatch.DefaultRowCount;
}
