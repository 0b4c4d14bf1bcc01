using Kindling.Formats;
using Kindling.Kernels.Selection;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Execution.Write;

/// <summary>
/// Writes a plan's output as part files under a folder and commits it, following Spark's
/// FileOutputCommitter: files go to <c>path/_temporary/&lt;runId&gt;/</c> first and are moved into place
/// only after all of them are written, then <c>_SUCCESS</c> is written last. Old data is touched only at
/// commit (so a failed job leaves it intact), and is first moved aside so a failing commit can put it back.
/// </summary>
/// <remarks>
/// <c>_SUCCESS</c> goes to the root and also into every partition folder this job wrote: DATA-CONTRACT
/// says every folder a job completes holds one, and readers of a single <c>dt=</c> folder check it there.
/// Part files are <c>part-NNNNN-&lt;runId&gt;&lt;ext&gt;</c>; a new one starts every maxRecordsPerFile rows
/// (default 1,048,576) or about 128 MiB. Partitioned output is routed per batch (rows grouped with
/// <see cref="VectorTake"/>) into per-partition buffers that are flushed as part files when they fill up
/// or when all buffers together exceed the memory budget, so only one file is open at a time.
/// </remarks>
internal static class FileWriteJob
{
    public const string SuccessFileName = "_SUCCESS";
    public const string TemporaryFolderName = "_temporary";
    private const long MaxFileBytes = 128L << 20;
    private const long DefaultMaxRecordsPerFile = 1 << 20;

    /// <param name="singleFile">The rows are one partition: one part file per folder, however large (unless maxRecordsPerFile is set).</param>
    public static long Run(PhysicalOperator input, QueryContext context, string path, IFileFormat format, WriteMode mode, IReadOnlyList<string> partitionBy, FormatOptions options, bool dynamicPartitionOverwrite,
        bool singleFile = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        path = LocalStorage.Normalize(path);
        if (File.Exists(path))
            WriteThrow.PathIsFile(path);
        bool exists = Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any(e => Path.GetFileName(e) != TemporaryFolderName);
        if (exists && mode == WriteMode.ErrorIfExists)
            WriteThrow.PathExists(path);
        if (exists && mode == WriteMode.Ignore) return 0;

        var layout = new WriteLayout(input.OutputSchema, partitionBy);
        format.CheckWritable(layout.DataSchema);
        string runId = Guid.NewGuid().ToString("D");
        bool createdRoot = !Directory.Exists(path);
        string tempRoot = Path.Combine(path, TemporaryFolderName, runId);
        Directory.CreateDirectory(tempRoot);
        try
        {
            long maxRecords = options.GetLong("maxRecordsPerFile", singleFile ? 0 : DefaultMaxRecordsPerFile);
            if (maxRecords <= 0) maxRecords = long.MaxValue;
            long maxFileBytes = singleFile ? long.MaxValue : MaxFileBytes;
            var writer = new PartFileWriter(tempRoot, runId, format, options, layout.DataSchema);
            long rows = layout.PartitionColumns.Length == 0
                ? WriteUnpartitioned(input, context, writer, maxRecords, maxFileBytes)
                : WritePartitioned(input, context, writer, layout, maxRecords, maxFileBytes, singleFile);
            bool replaceAll = mode == WriteMode.Overwrite && !(dynamicPartitionOverwrite && layout.PartitionColumns.Length > 0);
            bool replacePartitions = mode == WriteMode.Overwrite && !replaceAll;
            Commit(path, tempRoot, runId, writer.WrittenFolders, replaceAll, replacePartitions);
            return rows;
        }
        catch
        {
            LocalStorage.DeleteQuietly(tempRoot);
            RemoveEmptyTemporary(path);
            if (createdRoot && Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
                LocalStorage.DeleteQuietly(path);
            throw;
        }
    }

    private static long WriteUnpartitioned(PhysicalOperator input, QueryContext context, PartFileWriter writer, long maxRecords, long maxFileBytes)
    {
        using var batches = input.Execute(context).GetEnumerator();
        ColumnBatch? pending = null;
        int pendingOffset = 0;
        long total = 0;
        bool wroteAny = false;
        while (true)
        {
            if (pending is null)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                if (!batches.MoveNext()) break;
                if (batches.Current.RowCount == 0) continue;
                pending = batches.Current;
                pendingOffset = 0;
            }
            // One part file: stream batches into it until it holds maxRecords rows or ~128 MiB.
            long rowsInFile = 0, bytesInFile = 0;
            writer.WriteFile("", Stream());
            wroteAny = true;

            IEnumerable<ColumnBatch> Stream()
            {
                while (true)
                {
                    if (pending is null)
                    {
                        context.Cancellation.ThrowIfCancellationRequested();
                        if (!batches.MoveNext()) yield break;
                        if (batches.Current.RowCount == 0) continue;
                        pending = batches.Current;
                        pendingOffset = 0;
                    }
                    long room = maxRecords - rowsInFile;
                    if (room <= 0 || bytesInFile >= maxFileBytes) yield break;
                    int available = pending.RowCount - pendingOffset;
                    int take = (int)Math.Min(room, available);
                    ColumnBatch part = take == pending.RowCount ? pending : Slice(pending, pendingOffset, take);
                    pendingOffset += take;
                    if (pendingOffset == pending.RowCount) pending = null;
                    rowsInFile += take;
                    total += take;
                    bytesInFile += BatchMemory.EstimateBytes(part);
                    yield return part;
                }
            }
        }
        if (!wroteAny) writer.WriteFile("", []); // Spark writes one (header-only) file for empty output
        return total;
    }

    private sealed class PartitionBuffer(string folder)
    {
        public string Folder { get; } = folder;
        public List<ColumnBatch> Batches { get; } = [];
        public long Rows { get; set; }
        public long Bytes { get; set; }
    }

    private static long WritePartitioned(PhysicalOperator input, QueryContext context, PartFileWriter writer, WriteLayout layout, long maxRecords, long maxFileBytes,
        bool singleFile)
    {
        // One file per folder means holding each folder's rows until the end: then the query memory limit bounds them.
        long budget = singleFile ? context.MemoryLimitBytes : Math.Clamp(context.MemoryLimitBytes / 4, 16L << 20, 512L << 20);
        var buffers = new Dictionary<string, PartitionBuffer>(StringComparer.Ordinal);
        long buffered = 0, total = 0;
        foreach (var batch in input.Execute(context))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            total += batch.RowCount;
            foreach (var (folder, part) in layout.Split(batch))
            {
                if (!buffers.TryGetValue(folder, out var buffer)) buffers[folder] = buffer = new PartitionBuffer(folder);
                long bytes = BatchMemory.EstimateBytes(part);
                buffer.Batches.Add(part);
                buffer.Rows += part.RowCount;
                buffer.Bytes += bytes;
                buffered += bytes;
                while (buffer.Rows >= maxRecords || buffer.Bytes >= maxFileBytes)
                    buffered -= Flush(writer, buffer, maxRecords);
            }
            while (buffered > budget)
            {
                var largest = buffers.Values.MaxBy(b => b.Bytes)!;
                buffered -= Flush(writer, largest, maxRecords);
            }
        }
        foreach (var buffer in buffers.Values.OrderBy(b => b.Folder, StringComparer.Ordinal))
            while (buffer.Rows > 0) Flush(writer, buffer, maxRecords);
        return total;
    }

    /// <summary>Writes up to maxRecords buffered rows of one partition as a part file; returns the bytes released.</summary>
    private static long Flush(PartFileWriter writer, PartitionBuffer buffer, long maxRecords)
    {
        var take = new List<ColumnBatch>();
        long rows = 0, bytes = 0;
        while (buffer.Batches.Count > 0 && rows < maxRecords)
        {
            var b = buffer.Batches[0];
            long room = maxRecords - rows;
            if (b.RowCount <= room)
            {
                take.Add(b);
                buffer.Batches.RemoveAt(0);
                rows += b.RowCount;
                bytes += BatchMemory.EstimateBytes(b);
            }
            else
            {
                take.Add(Slice(b, 0, (int)room));
                buffer.Batches[0] = Slice(b, (int)room, b.RowCount - (int)room);
                rows += room;
                bytes += BatchMemory.EstimateBytes(take[^1]);
            }
        }
        writer.WriteFile(buffer.Folder, take);
        buffer.Rows -= rows;
        buffer.Bytes = Math.Max(0, buffer.Bytes - bytes);
        return bytes;
    }

    internal static ColumnBatch Slice(ColumnBatch batch, int offset, int count)
    {
        var indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = offset + i;
        var columns = new ColumnVector[batch.ColumnCount];
        for (int c = 0; c < columns.Length; c++) columns[c] = VectorTake.Take(batch[c], indices);
        return new ColumnBatch(batch.Schema, columns, count);
    }

    private static void Commit(string path, string tempRoot, string runId, IReadOnlyCollection<string> writtenFolders, bool replaceAll, bool replacePartitions)
    {
        string backup = Path.Combine(path, TemporaryFolderName, runId + "-previous");
        var moved = new List<(string From, string To)>();
        try
        {
            if (replaceAll)
            {
                foreach (string entry in Directory.EnumerateFileSystemEntries(path).ToList())
                {
                    if (Path.GetFileName(entry) == TemporaryFolderName) continue;
                    MoveAside(entry, Path.Combine(backup, Path.GetFileName(entry)), moved);
                }
            }
            else if (replacePartitions)
            {
                foreach (string folder in writtenFolders)
                {
                    string destination = Path.Combine(path, folder);
                    if (Directory.Exists(destination)) MoveAside(destination, Path.Combine(backup, folder), moved);
                }
            }
            // Move the new files into place, file by file (Append merges into existing folders).
            foreach (string file in Directory.EnumerateFiles(tempRoot, "*", SearchOption.AllDirectories).ToList())
            {
                string relative = Path.GetRelativePath(tempRoot, file);
                string destination = Path.Combine(path, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(file, destination, overwrite: false);
            }
        }
        catch
        {
            // Put the previous data back; the new files that made it are removed with their run id.
            foreach (string folder in writtenFolders.Append(""))
            {
                string dir = Path.Combine(path, folder);
                if (!Directory.Exists(dir)) continue;
                foreach (string f in Directory.EnumerateFiles(dir).Where(f => Path.GetFileName(f).Contains(runId, StringComparison.Ordinal)))
                    LocalStorage.DeleteQuietly(f);
            }
            for (int i = moved.Count - 1; i >= 0; i--)
            {
                var (from, to) = moved[i];
                if (Directory.Exists(to)) Directory.Move(to, from);
                else if (File.Exists(to)) File.Move(to, from);
            }
            throw;
        }
        // _SUCCESS last: in each written partition folder, then at the root.
        foreach (string folder in writtenFolders.Where(f => f.Length > 0))
            LocalStorage.WriteEmptyFile(Path.Combine(path, folder, SuccessFileName));
        LocalStorage.WriteEmptyFile(Path.Combine(path, SuccessFileName));
        LocalStorage.DeleteQuietly(tempRoot);
        LocalStorage.DeleteQuietly(backup);
        RemoveEmptyTemporary(path);
    }

    private static void MoveAside(string entry, string target, List<(string, string)> moved)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Directory.Exists(entry)) Directory.Move(entry, target);
        else File.Move(entry, target);
        moved.Add((entry, target));
    }

    private static void RemoveEmptyTemporary(string path)
    {
        string temporary = Path.Combine(path, TemporaryFolderName);
        try
        {
            if (Directory.Exists(temporary) && !Directory.EnumerateFileSystemEntries(temporary).Any())
                Directory.Delete(temporary);
        }
        catch (IOException) { }
    }
}
