using Kindling.Kernels.Selection;
using Kindling.Memory;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

internal sealed partial class HashAggregateOperator
{
    /// <summary>
    /// The tables of groups the operator emits, made one at a time by <see cref="Next"/> so that the caller lets go
    /// of each (emits and forgets it) before the next one is filled. Without a spill they are the merged in-memory
    /// partitions. After a spill: first, per level-0 partition, a fresh table of the spilled rows whose key the merged
    /// table T lacks (rows whose key T holds are folded into T); then T; then every partition those fresh tables split
    /// off when they outgrew the budget left beside T, each into a fresh table again (see the class comment).
    /// </summary>
    private sealed class Results
    {
        private readonly HashAggregateOperator _op;
        private readonly QueryContext _context;
        private readonly MemoryReservation _held;
        private readonly Schema _input;
        private readonly List<SpillPartitions> _spills;
        private readonly Queue<LocalState> _ready = new();
        private readonly Stack<(SpillPartitions Set, int Partition)> _pending = new();
        private SpillPartitions? _first;
        private int _firstPartition;
        private LocalState? _table;
        private long _tableCeiling;

        public Results(HashAggregateOperator op, QueryContext context, List<SpillPartitions> spills, MemoryReservation held)
        {
            _op = op;
            _context = context;
            _held = held;
            _input = op.Child.OutputSchema;
            _spills = spills;
            SpillPartitions? spill = null;
            if (op._groupColumns.Length > 0) spills.Add(spill = new SpillPartitions(op, _input, context, level: 0));
            List<LocalState> merged = op.Aggregate(context, spill, held, out bool spilled);
            if (!spilled)
            {
                foreach (var state in merged) _ready.Enqueue(state);
                return;
            }
            _first = spill!;
            _table = merged[0];
            _tableCeiling = GrowthCeiling(_table.TotalBytes, context);
        }

        /// <summary>The next table to emit (possibly without groups), or null when all are done.</summary>
        public LocalState? Next()
        {
            while (_first is not null)
            {
                int p = _firstPartition++;
                if (p == SpillPartitions.Count) { _first = null; break; }
                if (_first.Has(p)) return Drain(_first, p, _table);
            }
            if (_table is { } table)
            {
                _table = null;
                return table;
            }
            if (_pending.TryPop(out var next)) return Drain(next.Set, next.Partition, null);
            return _ready.TryDequeue(out var ready) ? ready : null;
        }

        /// <summary>
        /// Aggregates one spilled partition into a fresh table, after folding the rows whose key <paramref name="table"/>
        /// holds into it. Once the fresh table and <paramref name="table"/> outgrow the memory limit, the fresh table
        /// takes no new groups: rows of new keys go to the partition's own partitions one level deeper, read later.
        /// </summary>
        private LocalState Drain(SpillPartitions set, int partition, LocalState? table)
        {
            var fresh = new LocalState(_op, _input, _context);
            SpillPartitions? children = null;
            bool full = false;
            long ceiling = 0;
            foreach (ColumnBatch read in set.Read(partition))
            {
                _context.Cancellation.ThrowIfCancellationRequested();
                ColumnBatch batch = read;
                long held = 0;
                if (table is not null)
                {
                    ReadOnlySpan<int> absent = table.ConsumeExisting(batch);
                    held = table.TotalBytes;
                    if (held > _tableCeiling) AggregateThrow.StatesOverLimit(table.GroupCount, held, _context);
                    if (absent.IsEmpty) continue;
                    if (absent.Length < batch.RowCount) batch = VectorConcat.Take(batch, absent);
                }
                if (!full)
                {
                    fresh.Consume(batch);
                    long bytes = fresh.TotalBytes + held;
                    full = !_held.TryResize(bytes); // the fresh table beside T, within what the query's memory allows
                    ceiling = GrowthCeiling(bytes, _context);
                    continue;
                }
                ReadOnlySpan<int> misses = fresh.ConsumeExisting(batch);
                if (!misses.IsEmpty)
                {
                    if (children is null)
                    {
                        if (set.Level == SpillPartitions.MaxLevel) AggregateThrow.SpillTooDeep(set.Level + 1, fresh.GroupCount, _context);
                        _spills.Add(children = new SpillPartitions(_op, _input, _context, set.Level + 1));
                    }
                    children.Write(batch, misses);
                }
                if (fresh.TotalBytes + held > ceiling) AggregateThrow.StatesOverLimit(fresh.GroupCount, fresh.TotalBytes + held, _context);
            }
            set.Delete(partition);
            if (children is not null && children.Complete())
                for (int p = SpillPartitions.Count - 1; p >= 0; p--)
                    if (children.Has(p)) _pending.Push((children, p));
            return fresh;
        }
    }
}
