using Kindling.Kernels.Common;
using Kindling.Kernels.Hashing;
using Kindling.Kernels.Selection;
using Kindling.Kernels.Sorting;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

internal sealed partial class HashAggregateOperator
{
    /// <summary>
    /// <see cref="Count"/> spill files that rows of new groups go to, chosen by 4 bits of their key's
    /// <see cref="KeyValueHash"/>: bits 63..60 at level 0, the next 4 at level 1 (a partition split again),
    /// and so on, so every row of a key lands in the same file at every level. A file holds the input columns
    /// the aggregate reads (group columns and aggregate inputs); <see cref="Read"/> puts nulls in the others.
    /// Workers write at once (a lock per file). <see cref="Dispose"/> closes and deletes whatever is left.
    /// </summary>
    private sealed class SpillPartitions : IDisposable
    {
        public const int Count = 16;
        private const int BitsPerLevel = 4;

        /// <summary>Levels 0..7 use 32 bits of the hash; a partition that overflows at the last level fails the query.</summary>
        public const int MaxLevel = 7;

        private readonly HashAggregateOperator _op;
        private readonly QueryContext _context;
        private readonly Schema _input;
        private readonly Schema _fileSchema;
        private readonly int[] _position; // input column -> column in the file, -1 when not written
        private readonly int[] _written;  // the input columns written, ascending
        private readonly string?[] _paths = new string?[Count];
        private readonly SpillWriter?[] _writers = new SpillWriter?[Count];
        private readonly object[] _locks = new object[Count];
        private readonly string _name = Guid.NewGuid().ToString("N");

        public SpillPartitions(HashAggregateOperator op, Schema input, QueryContext context, int level)
        {
            _op = op;
            _context = context;
            _input = input;
            Level = level;
            var needed = new bool[input.Count];
            foreach (int c in op._groupColumns) needed[c] = true;
            foreach (var call in op._aggregates)
            {
                if (call.InputColumn >= 0) needed[call.InputColumn] = true;
                if (call.SecondInputColumn >= 0) needed[call.SecondInputColumn] = true;
            }
            _position = new int[input.Count];
            var written = new List<int>();
            for (int c = 0; c < needed.Length; c++)
            {
                _position[c] = needed[c] ? written.Count : -1;
                if (needed[c]) written.Add(c);
            }
            _written = [.. written];
            _fileSchema = _written.Length == input.Count ? input : new Schema(_written.Select(c => input[c]).ToArray());
            for (int p = 0; p < Count; p++) _locks[p] = new object();
        }

        public int Level { get; }

        /// <summary>Whether partition <paramref name="partition"/> has a file (some row went there).</summary>
        public bool Has(int partition) => _paths[partition] is not null;

        /// <summary>Writes rows <paramref name="rows"/> of <paramref name="batch"/> (the operator's input) to their partitions; thread-safe.</summary>
        public void Write(ColumnBatch batch, ReadOnlySpan<int> rows)
        {
            int n = rows.Length;
            var hashes = new ulong[n];
            var keys = new ColumnVector[_op._groupColumns.Length];
            KeyValueHash.Hash(GroupKeyEncoder.Select(batch, _op._groupColumns, keys), rows, hashes);
            // Rows ordered by partition (a counting sort), then one take per partition.
            int shift = 64 - BitsPerLevel * (Level + 1);
            var starts = new int[Count + 1];
            foreach (ulong h in hashes) starts[PartitionOf(h, shift) + 1]++;
            for (int p = 0; p < Count; p++) starts[p + 1] += starts[p];
            var fill = starts[..Count];
            var order = new int[n];
            for (int k = 0; k < n; k++) order[fill[PartitionOf(hashes[k], shift)]++] = rows[k];
            var columns = new ColumnVector[_written.Length];
            for (int i = 0; i < columns.Length; i++) columns[i] = batch[_written[i]];
            var projected = new ColumnBatch(_fileSchema, columns, batch.RowCount);
            for (int p = 0; p < Count; p++)
            {
                int count = starts[p + 1] - starts[p];
                if (count == 0) continue;
                ColumnBatch part = VectorConcat.Take(projected, order.AsSpan(starts[p], count));
                lock (_locks[p]) Writer(p).Append(part);
            }
            _context.Spills.AddRows(n);
        }

        private static int PartitionOf(ulong hash, int shift) => (int)(hash >> shift) & (Count - 1);

        private SpillWriter Writer(int partition)
        {
            if (_writers[partition] is { } open) return open;
            Directory.CreateDirectory(_context.SpillDirectory);
            string path = Path.Combine(_context.SpillDirectory, $"aggregate-{_name}-L{Level}-P{partition}.bin");
            _paths[partition] = path;
            return _writers[partition] = new SpillWriter(path);
        }

        /// <summary>Ends every file once all writers are done, so they can be read; false when nothing was spilled.</summary>
        public bool Complete()
        {
            bool any = false;
            for (int p = 0; p < Count; p++)
            {
                if (_writers[p] is not { } writer) continue;
                writer.Dispose();
                _context.Spills.AddFile(writer.Length, Level);
                _writers[p] = null;
                any = true;
            }
            return any;
        }

        /// <summary>
        /// The rows of a completed partition in batches of about the query's batch size (writes append many small
        /// pieces, and a table takes at least one batch before it may overflow), widened back to the input schema.
        /// </summary>
        public IEnumerable<ColumnBatch> Read(int partition)
        {
            int target = Math.Max(1024, _context.BatchSize);
            var parts = new List<ColumnBatch>();
            int rows = 0;
            foreach (ColumnBatch batch in SpillFile.Read(_paths[partition]!, _fileSchema))
            {
                parts.Add(batch);
                rows += batch.RowCount;
                if (rows < target) continue;
                yield return Widen(parts);
                parts.Clear();
                rows = 0;
            }
            if (rows > 0) yield return Widen(parts);
        }

        private ColumnBatch Widen(List<ColumnBatch> parts)
        {
            ColumnBatch batch = parts.Count == 1 ? parts[0] : VectorConcat.Concat(_fileSchema, parts);
            if (ReferenceEquals(_fileSchema, _input)) return batch;
            var columns = new ColumnVector[_input.Count];
            for (int c = 0; c < columns.Length; c++)
                columns[c] = _position[c] >= 0 ? batch[_position[c]] : VectorKernels.Nulls(_input[c].Type, batch.RowCount);
            return new ColumnBatch(_input, columns, batch.RowCount);
        }

        /// <summary>Deletes a partition's file once it has been read.</summary>
        public void Delete(int partition)
        {
            if (_paths[partition] is not { } path) return;
            _writers[partition]?.Dispose();
            _writers[partition] = null;
            TryDelete(path);
            _paths[partition] = null;
        }

        public void Dispose()
        {
            for (int p = 0; p < Count; p++)
            {
                try { _writers[p]?.Dispose(); }
                catch (IOException) { /* the file goes anyway */ }
                _writers[p] = null;
                if (_paths[p] is { } path) TryDelete(path);
                _paths[p] = null;
            }
        }

        private static void TryDelete(string path)
        {
            try { File.Delete(path); } catch (IOException) { /* best effort cleanup */ }
        }
    }
}
