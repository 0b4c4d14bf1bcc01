using System.Runtime.ExceptionServices;
using Kindling.Vectors;

namespace Kindling.Execution;

/// <summary>
/// Runs <c>workers</c> workers that pull batches from one child enumeration (each batch goes to exactly one
/// worker, in input order, with its position). One worker runs on the caller's thread; with more, the first
/// error any worker throws is rethrown as itself (not wrapped), as Spark reports a task's failure.
/// When <c>retained</c> is given, every batch handed out is appended to it (at its index).
/// </summary>
internal static class SharedBatchWorkers
{
    public static void Run(IEnumerable<ColumnBatch> input, int workers, CancellationToken cancellation, Action<int, Func<(ColumnBatch Batch, int Index)?>> work,
        List<ColumnBatch>? retained = null)
    {
        using var source = input.GetEnumerator();
        var gate = new object();
        int index = 0;
        bool done = false;
        (ColumnBatch, int)? Next()
        {
            lock (gate)
            {
                cancellation.ThrowIfCancellationRequested();
                while (!done && source.MoveNext())
                {
                    if (source.Current.RowCount == 0) continue;
                    retained?.Add(source.Current);
                    return (source.Current, index++);
                }
                done = true;
                return null;
            }
        }
        if (workers <= 1)
        {
            work(0, Next);
            return;
        }
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation }, w => work(w, Next));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
