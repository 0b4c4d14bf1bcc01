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
        EnsureThreadPoolHeadroom(DegreeOfParallelism);
    }

    /// <summary>
    /// Operators block pool threads while they wait for each other (a worker waiting for the batch another
    /// operator's task decodes, a join's producers waiting for room in its queue), so a query nests a few
    /// blocked threads per core. The pool starts with one thread per core and adds one about every half second
    /// when all are blocked, which stalled small queries for seconds; so it may start a few per core at once.
    /// </summary>
    private static void EnsureThreadPoolHeadroom(int degreeOfParallelism)
    {
        int wanted = Math.Min(4 * degreeOfParallelism, 256);
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        if (workers < wanted) ThreadPool.SetMinThreads(wanted, completionPorts);
    }

    public int DegreeOfParallelism { get; }

    public long MemoryLimitBytes { get; }

    public string SpillDirectory { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>What operators of this query spilled so far.</summary>
    public SpillMetrics Spills { get; } = new();

    /// <summary>Rows per batch that operators aim for.</summary>
    public int BatchSize { get; init; } = Vectors.ColumnBatch.DefaultRowCount;
}
