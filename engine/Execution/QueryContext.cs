using Kindling.Memory;

namespace Kindling.Execution;

/// <summary>
/// What a query's operators share while running: the degree of parallelism (<c>--master local[N]</c>),
/// the memory all its operators share (spilling or failing past the limit), where spills go, and cancellation.
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
        Memory = new QueryMemory(MemoryLimitBytes);
        EnsureThreadPoolHeadroom(DegreeOfParallelism);
    }

    /// <summary>The same query (its memory, spill folder, cancellation and batch size) run by <paramref name="degreeOfParallelism"/> threads.</summary>
    public QueryContext WithParallelism(int degreeOfParallelism) =>
        new(degreeOfParallelism, MemoryLimitBytes, SpillDirectory, Cancellation) { BatchSize = BatchSize, Memory = Memory };

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

    /// <summary>What the query's operators hold, against <see cref="MemoryLimitBytes"/>.</summary>
    public QueryMemory Memory { get; private init; }

    public string SpillDirectory { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>What operators of this query spilled so far.</summary>
    public SpillMetrics Spills { get; } = new();

    /// <summary>Rows per batch that operators aim for.</summary>
    public int BatchSize { get; init; } = Vectors.ColumnBatch.DefaultRowCount;
}
