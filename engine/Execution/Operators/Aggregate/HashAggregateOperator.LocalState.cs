using Kindling.Kernels.Aggregates;
using Kindling.Kernels.Hashing;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

internal sealed partial class HashAggregateOperator
{
    /// <summary>One worker's partial aggregation: its key encoder, hash table, states and reused buffers.</summary>
    private sealed class LocalState
    {
        private readonly HashAggregateOperator _op;
        private readonly QueryContext _context;
        private readonly GroupKeyEncoder? _encoder;
        private readonly GroupHashTable? _table;
        private readonly AggregateState[] _states;
        private readonly ColumnVector[] _keyVectors;
        private ulong[] _words = [];
        private ulong[] _hashes = [];
        private int[] _groupIds = [];
        private int _batches;

        public LocalState(HashAggregateOperator op, Schema input, QueryContext context)
        {
            _op = op;
            _context = context;
            int[] keys = op._groupColumns;
            if (keys.Length > 0)
            {
                _encoder = new GroupKeyEncoder(keys.Select(k => input[k].Type).ToArray(), keys.Select(k => input[k].Nullable).ToArray());
                _table = new GroupHashTable(_encoder.Width);
            }
            _states = new AggregateState[op._aggregates.Length];
            for (int i = 0; i < _states.Length; i++)
            {
                _states[i] = AggregateStates.Create(op._aggregates[i], input);
                _states[i].EnsureCapacity(1);
            }
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
            if (_hashes.Length < rows) _hashes = new ulong[rows];
            encoder.Encode(GroupKeyEncoder.Select(batch, _op._groupColumns, _keyVectors), rows, _words, lookupOnly: false, Span<byte>.Empty);
            KeyHash.HashWords(_words, width, rows, _hashes);
            _table.FindOrInsert(_words, _hashes, rows, _groupIds);
            Update(batch, rows, _table.Count);
        }

        private void Update(ColumnBatch batch, int rows, int groups)
        {
            ReadOnlySpan<int> ids = _groupIds.AsSpan(0, rows);
            foreach (var state in _states)
            {
                state.EnsureCapacity(groups);
                state.Update(batch, ids, rows);
            }
            if ((++_batches & 15) == 0) CheckMemory();
        }

        private void CheckMemory()
        {
            long bytes = (_table?.MemoryBytes ?? 0) + (_encoder?.MemoryBytes ?? 0);
            foreach (var s in _states) bytes += s.MemoryBytes;
            long perWorker = _context.MemoryLimitBytes / Math.Max(1, _context.DegreeOfParallelism);
            if (bytes > perWorker)
                throw new InsufficientMemoryException(
                    $"HashAggregate ran out of memory: {GroupCount} groups take {bytes >> 20} MiB, over this worker's share ({perWorker >> 20} MiB) of the " +
                    $"{_context.MemoryLimitBytes >> 20} MiB query memory limit. Raise the memory limit or reduce the number of groups; the hash aggregate does not spill.");
        }

        public void MergeFrom(LocalState other)
        {
            int groups = other.GroupCount;
            var map = new int[groups];
            if (_table is not null)
            {
                var keys = other._table!.Keys.ToArray();
                _encoder!.Remap(other._encoder!, keys, groups);
                var hashes = new ulong[groups];
                KeyHash.HashWords(keys, _encoder.Width, groups, hashes);
                _table.FindOrInsert(keys, hashes, groups, map);
            }
            for (int i = 0; i < _states.Length; i++)
            {
                _states[i].EnsureCapacity(GroupCount);
                _states[i].Merge(other._states[i], map);
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
