namespace Kindling.Formats.IO;

/// <summary>
/// Maps a lazily produced sequence on the thread pool with at most <c>window</c> items in flight and
/// yields the results in source order (bounded read-ahead). The source is enumerated on the consumer's
/// thread, so it may do the I/O; the work runs in parallel. Abandoning the enumeration waits for the
/// started work so that pooled buffers are returned before the caller continues.
/// </summary>
internal static class OrderedParallel
{
    public static IEnumerable<TResult> Map<TItem, TResult>(IEnumerable<TItem> source, Func<TItem, TResult> work, int window, CancellationToken cancellation)
    {
        var inFlight = new Queue<Task<TResult>>();
        using var items = source.GetEnumerator();
        bool more = true;
        try
        {
            while (true)
            {
                while (more && inFlight.Count < Math.Max(1, window))
                {
                    cancellation.ThrowIfCancellationRequested();
                    more = items.MoveNext();
                    if (!more) break;
                    TItem item = items.Current;
                    inFlight.Enqueue(Task.Run(() => work(item), CancellationToken.None));
                }
                if (inFlight.Count == 0) yield break;
                TResult result = inFlight.Dequeue().GetAwaiter().GetResult();
                yield return result;
            }
        }
        finally
        {
            foreach (var task in inFlight)
            {
                try { task.Wait(CancellationToken.None); }
                catch (AggregateException) { /* the consumer already stopped; the first error it saw was thrown */ }
            }
        }
    }
}
