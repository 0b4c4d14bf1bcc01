using Kindling.Kernels.Aggregates;
using Kindling.Kernels.Hashing;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

internal sealed partial class HashAggregateOperator
{
    /// <summary>One worker's partial aggregation: its key encoder, hash table, states and reused buffers.</summary>
    private sealed class LocalState
    {
        private readonly HashAggregateOperator _op;
        private readonly QueryContext _context;
        private readonly Schema _input;
        private readonly GroupKeyEncoder? _encoder;
        private readonly GroupIdFinder? _finder;
        private readonly GroupHashTable? _table; // the finder's table
        private AggregateState[] _states;
        private readonly ColumnVector[] _keyVectors;
        private ulong[] _words = [];
        private ulong[] _scratch = [];
        private int[] _groupIds = [];
        private byte[] _unknown = [];  // ConsumeExisting: keys with a string this encoder never interned
        private int[] _hitRows = [];
        private int[] _missRows = [];
        private long _heldBytes; // memory of this worker's runs, counted against its share of the limit

        public LocalState(HashAggregateOperator op, Schema input, QueryContext context, GroupKeyEncoder? sharedEncoder = null, int expectedGroups = 1024)
        {
            _op = op;
            _context = context;
            _input = input;
            int[] keys = op._groupColumns;
            if (keys.Length > 0)
            {
                _encoder = sharedEncoder ?? new GroupKeyEncoder(keys.Select(k => input[k].Type).ToArray(), keys.Select(k => input[k].Nullable).ToArray());
                _finder = new GroupIdFinder(_encoder, expectedGroups);
                _table = _finder.Table;
            }
            _states = CreateStates(sharedEncoder is null ? 1 : expectedGroups);
            _keyVectors = new ColumnVector[Math.Max(1, keys.Length)];
        }

        public int GroupCount => _table?.Count ?? 1;

        public void Consume(ColumnBatch batch)
        {
            int rows = batch.RowCount;
            if (rows == 0) return;
            if (_groupIds.Length < rows) _groupIds = new int[rows];
            if (_table is null)
            {
                // Global aggregate: every row is group 0 (the buffer only ever holds zeros).
                Update(batch, rows, 1);
                return;
            }
            GroupKeyEncoder encoder = _encoder!;
            int width = encoder.Width;
            if (_words.Length < rows * width) _words = new ulong[rows * width];
            encoder.Encode(GroupKeyEncoder.Select(batch, _op._groupColumns, _keyVectors), rows, _words, lookupOnly: false, Span<byte>.Empty);
            _finder!.FindOrInsert(_words, rows, _groupIds);
            Update(batch, rows, _table.Count);
        }

        /// <summary>
        /// Aggregates the rows of <paramref name="batch"/> whose group this table already holds, without adding
        /// groups or interning strings, and returns the row numbers of the others (valid until the next call):
        /// how a table that is over its memory budget keeps absorbing its own groups while new ones spill.
        /// </summary>
        public ReadOnlySpan<int> ConsumeExisting(ColumnBatch batch)
        {
            int rows = batch.RowCount;
            GroupKeyEncoder encoder = _encoder!;
            if (_groupIds.Length < rows) _groupIds = new int[rows];
            if (_missRows.Length < rows)
            {
                _unknown = new byte[rows];
                _hitRows = new int[rows];
                _missRows = new int[rows];
            }
            if (_words.Length < rows * encoder.Width) _words = new ulong[rows * encoder.Width];
            Span<byte> unknown = _unknown.AsSpan(0, rows);
            encoder.Encode(GroupKeyEncoder.Select(batch, _op._groupColumns, _keyVectors), rows, _words, lookupOnly: true, unknown, flagNulls: false);
            Span<int> ids = _groupIds.AsSpan(0, rows);
            _finder!.Find(_words, rows, unknown, ids);
            int hits = 0, misses = 0;
            for (int i = 0; i < rows; i++)
            {
                int g = ids[i];
                if (g < 0) { _missRows[misses++] = i; continue; }
                _hitRows[hits] = i;
                ids[hits++] = g; // compacts in place: hits <= i
            }
            if (hits == rows) Update(batch, rows, GroupCount);
            else if (hits > 0) Update(VectorConcat.Take(batch, _hitRows.AsSpan(0, hits)), hits, GroupCount);
            return _missRows.AsSpan(0, misses);
        }

        private void Update(ColumnBatch batch, int rows, int groups)
        {
            ReadOnlySpan<int> ids = _groupIds.AsSpan(0, rows);
            foreach (var state in _states)
            {
                state.EnsureCapacity(groups);
                state.Update(batch, ids, rows);
            }
        }

        /// <summary>What this state holds, as checked against its budget: the table, the states, the interned key strings and the runs set aside.</summary>
        public long TotalBytes => MemoryBytes + _heldBytes + (_encoder?.MemoryBytes ?? 0);

        public GroupKeyEncoder? Encoder => _encoder;

        /// <summary>Approximate bytes of the table and the states (not the interned strings, which flushed tables share).</summary>
        public long MemoryBytes
        {
            get
            {
                long bytes = _finder?.MemoryBytes ?? 0;
                foreach (var s in _states) bytes += s.MemoryBytes;
                return bytes;
            }
        }

        private AggregateState[] CreateStates(int capacity)
        {
            var states = new AggregateState[_op._aggregates.Length];
            for (int i = 0; i < states.Length; i++)
            {
                states[i] = AggregateStates.Create(_op._aggregates[i], _input, _context.DegreeOfParallelism);
                states[i].EnsureCapacity(capacity);
            }
            return states;
        }

        /// <summary>
        /// Copies the groups out ordered by merge partition (a counting sort on <see cref="GroupKeyEncoder.ContentHashes"/>),
        /// while the table is still in cache, so the merge later reads each partition's groups contiguously.
        /// </summary>
        public GroupRun ToRun(int partitions)
        {
            int groups = GroupCount, width = _encoder!.Width;
            ReadOnlySpan<ulong> keys = _table!.Keys, hashes = _table.Hashes;
            ReadOnlySpan<ulong> partitionHashes = hashes;
            if (_encoder.HasStrings)
            {
                var content = new ulong[groups];
                if (_scratch.Length < keys.Length) _scratch = new ulong[keys.Length];
                _encoder.ContentHashes(keys, groups, content, _scratch);
                partitionHashes = content;
            }
            var starts = new int[partitions + 1];
            foreach (ulong h in partitionHashes) starts[PartitionOf(h, partitions) + 1]++;
            for (int p = 0; p < partitions; p++) starts[p + 1] += starts[p];
            var fill = starts[..partitions];
            var order = new int[groups];
            for (int g = 0; g < groups; g++) order[fill[PartitionOf(partitionHashes[g], partitions)]++] = g;

            var runKeys = new ulong[groups * width];
            var runHashes = new ulong[groups];
            for (int i = 0; i < groups; i++)
            {
                int g = order[i];
                // Word by word: a key is a few words, too short to pay for a memmove call per group.
                for (int w = 0; w < width; w++) runKeys[i * width + w] = keys[g * width + w];
                runHashes[i] = hashes[g];
            }
            var states = CreateStates(groups);
            var identity = new int[groups];
            for (int i = 0; i < groups; i++) identity[i] = i;
            for (int i = 0; i < states.Length; i++) states[i].Merge(_states[i], order, identity);
            return new GroupRun(_encoder, runKeys, runHashes, states, starts);
        }

        /// <summary>
        /// Forgets all groups once <see cref="ToRun"/> has set them aside in a run of <paramref name="runBytes"/> (still
        /// counted against this worker's memory share), keeping the table's arrays and the interned strings.
        /// </summary>
        public void Clear(int capacity, long runBytes)
        {
            _heldBytes += runBytes;
            _finder!.Clear();
            _states = CreateStates(capacity);
        }

        /// <summary>Merges all groups of <paramref name="other"/> into this state (serially).</summary>
        public void MergeFrom(LocalState other)
        {
            int groups = other.GroupCount;
            var source = new int[groups];
            for (int g = 0; g < groups; g++) source[g] = g;
            if (_table is null)
            {
                MergeStates(other._states, source, new int[groups]);
                return;
            }
            var (keys, hashes) = _encoder!.KeysOf(other._table!, other._encoder!);
            MergeRange(other._states, keys, hashes, source);
        }

        /// <summary>
        /// Merges the consecutive groups <paramref name="source"/> (ascending, one apart) of <paramref name="otherStates"/>,
        /// whose keys (in this encoder's ids) and hashes are given for all its groups; their keys are probed in place.
        /// </summary>
        public void MergeRange(AggregateState[] otherStates, ulong[] keys, ulong[] hashes, ReadOnlySpan<int> source)
        {
            int width = _encoder!.Width, first = source.IsEmpty ? 0 : source[0], count = source.Length;
            if (_groupIds.Length < count) _groupIds = new int[count];
            var target = _groupIds.AsSpan(0, count);
            _table!.FindOrInsert(keys.AsSpan(first * width, count * width), hashes.AsSpan(first, count), count, target);
            MergeStates(otherStates, source, target);
        }

        private void MergeStates(AggregateState[] otherStates, ReadOnlySpan<int> source, ReadOnlySpan<int> target)
        {
            for (int i = 0; i < _states.Length; i++)
            {
                _states[i].EnsureCapacity(GroupCount);
                _states[i].Merge(otherStates[i], source, target);
            }
        }

        public ColumnBatch Emit(Schema schema, int start, int count)
        {
            var columns = new ColumnVector[schema.Count];
            int k = _op._groupColumns.Length;
            if (_table is not null)
            {
                ReadOnlySpan<ulong> keys = _table.Keys;
                for (int c = 0; c < k; c++) columns[c] = _encoder!.Decode(c, keys, start, count);
            }
            for (int i = 0; i < _states.Length; i++) columns[k + i] = _states[i].Finish(start, count);
            return new ColumnBatch(schema, columns, count);
        }
    }
}
