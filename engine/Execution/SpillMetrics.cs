namespace Kindling.Execution;

/// <summary>
/// What a query's operators spilled, for tests and diagnostics: rows and bytes written to spill files, how
/// many files, and how many times an operator had to split a spilled partition again (its deepest level).
/// Operators on several threads add to it at once.
/// </summary>
internal sealed class SpillMetrics
{
    private long _rows;
    private long _bytes;
    private int _files;
    private int _maxLevel;

    public long Rows => Interlocked.Read(ref _rows);

    public long Bytes => Interlocked.Read(ref _bytes);

    public int Files => Volatile.Read(ref _files);

    /// <summary>The deepest partitioning level spilled to: 0 for a first spill, 1 when a spilled partition was split again, and so on.</summary>
    public int MaxLevel => Volatile.Read(ref _maxLevel);

    public void AddRows(long rows) => Interlocked.Add(ref _rows, rows);

    /// <summary>Records a finished spill file of <paramref name="bytes"/> at partitioning level <paramref name="level"/>.</summary>
    public void AddFile(long bytes, int level)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Increment(ref _files);
        int seen;
        while ((seen = Volatile.Read(ref _maxLevel)) < level && Interlocked.CompareExchange(ref _maxLevel, level, seen) != seen) { }
    }
}
