using Kindling.Execution;

namespace Kindling.Engine.Tests.Execution;

public sealed class QueryContextTests
{
    [Fact]
    public void A_query_may_start_four_pool_threads_per_core_without_waiting_for_the_pools_growth()
    {
        _ = new QueryContext(degreeOfParallelism: 5);
        ThreadPool.GetMinThreads(out int workers, out _);
        Assert.True(workers >= 20, $"min worker threads {workers}");

        // A smaller query never lowers what a larger one (or the host) set.
        _ = new QueryContext(degreeOfParallelism: 1);
        ThreadPool.GetMinThreads(out int after, out _);
        Assert.True(after >= workers, $"min worker threads went from {workers} to {after}");
    }
}
