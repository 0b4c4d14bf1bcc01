using System.Runtime.ExceptionServices;
using Kindling.Formats;
using Kindling.Formats.IO;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Scan;

/// <summary>
/// Reads a file set's requested data and partition columns, pruning files by partition values before
/// reading. Small files are read on all cores, several at a time, with a bounded read-ahead; a large
/// file is read one at a time because the format parallelizes inside it (CSV chunks). Batches come out in
/// file order. Partition columns become constant vectors; a name found in both the data and the
/// partition schema is the partition column, as in Spark.
/// </summary>
internal sealed class FileScanOperator : PhysicalOperator
{
    /// <summary>Files up to this size are read whole by one task so that many files are read at once.</summary>
    private const long SmallFileBytes = 32L << 20;

    private readonly IFileFormat _format;
    private readonly FileSet _fileSet;
    private readonly Schema _dataSchema;
    private readonly FormatOptions _options;
    private readonly Func<object?[], bool>? _partitionFilter;
    private readonly int[] _requiredData;
    private readonly (bool IsPartition, int Index)[] _sources;
    private readonly string? _partitionFilterText;

    public FileScanOperator(IFileFormat format, FileSet fileSet, Schema dataSchema, IReadOnlyList<string> outputColumns, FormatOptions options, Func<object?[], bool>? partitionFilter = null,
        IReadOnlyList<ScanPredicate>? dataFilters = null)
        : base(BuildSchema(fileSet, dataSchema, outputColumns, out var sources, out var requiredData))
    {
        _format = format;
        _fileSet = fileSet;
        _dataSchema = dataSchema;
        _options = options;
        _partitionFilter = partitionFilter;
        _sources = sources;
        _requiredData = requiredData;
        _partitionFilterText = partitionFilter is null ? null : "<predicate>";
        DataFilters = dataFilters ?? [];
    }

    /// <summary>Conjuncts of the filter above the scan that the format may use to skip data (row groups).</summary>
    public IReadOnlyList<ScanPredicate> DataFilters { get; }

    /// <summary>The EXPLAIN text of the partition filter (the planner may set a readable form).</summary>
    public string? PartitionFilterText { get => _partitionFilterText; init => _partitionFilterText = value; }

    public override string Name => "FileScan";

    public IReadOnlyList<DataFile> SelectedFiles => _fileSet.Files.Where(f => _partitionFilter is null || _partitionFilter(f.PartitionValues)).ToList();

    private static Schema BuildSchema(FileSet fileSet, Schema dataSchema, IReadOnlyList<string> outputColumns, out (bool, int)[] sources, out int[] requiredData)
    {
        var fields = new Field[outputColumns.Count];
        sources = new (bool, int)[outputColumns.Count];
        var required = new List<int>();
        for (int i = 0; i < outputColumns.Count; i++)
        {
            string name = outputColumns[i];
            int p = fileSet.PartitionSchema.IndexOf(name);
            if (p >= 0)
            {
                fields[i] = fileSet.PartitionSchema[p];
                sources[i] = (true, p);
                continue;
            }
            int d = dataSchema.IndexOf(name);
            if (d < 0)
                throw new ArgumentException($"Column '{name}' does not exist in the scanned files. Available columns: " +
                    string.Join(", ", dataSchema.Fields.Select(f => f.Name).Concat(fileSet.PartitionSchema.Fields.Select(f => f.Name))));
            fields[i] = dataSchema[d];
            int slot = required.IndexOf(d);
            if (slot < 0)
            {
                slot = required.Count;
                required.Add(d);
            }
            sources[i] = (false, slot);
        }
        requiredData = [.. required];
        return new Schema(fields);
    }

    public override IEnumerable<ColumnBatch> Execute(QueryContext context)
    {
        var files = SelectedFiles;
        int window = Math.Max(1, context.DegreeOfParallelism * 2);
        int i = 0;
        while (i < files.Count)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (files[i].Length > SmallFileBytes || context.DegreeOfParallelism <= 1)
            {
                foreach (var batch in _format.Read(files[i].Path, _dataSchema, _requiredData, _options, context, DataFilters))
                    yield return Attach(batch, files[i]);
                i++;
                continue;
            }
            // A run of small files: read them on the thread pool, in order, with bounded read-ahead.
            int end = i;
            while (end < files.Count && files[end].Length <= SmallFileBytes) end++;
            var run = files.Skip(i).Take(end - i);
            var single = context.WithParallelism(1);
            foreach (var read in OrderedParallel.Map(run, f => ReadWhole(f, single), window, context.Cancellation))
            {
                // Malformed records reach the caller's sink in file order, on this thread, then a FAILFAST error.
                foreach (var error in read.Errors) _options.RecordErrorSink!(error);
                read.Failure?.Throw();
                foreach (var batch in read.Batches)
                    yield return Attach(batch, read.File);
            }
            i = end;
        }
    }

    private sealed record WholeFile(DataFile File, List<ColumnBatch> Batches, List<RecordError> Errors, ExceptionDispatchInfo? Failure);

    private WholeFile ReadWhole(DataFile file, QueryContext single)
    {
        var errors = new List<RecordError>();
        var options = _options.RecordErrorSink is null ? _options : _options.WithRecordErrorSink(errors.Add);
        var batches = new List<ColumnBatch>();
        try
        {
            batches.AddRange(_format.Read(file.Path, _dataSchema, _requiredData, options, single, DataFilters));
            return new WholeFile(file, batches, errors, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new WholeFile(file, batches, errors, ExceptionDispatchInfo.Capture(e));
        }
    }

    private ColumnBatch Attach(ColumnBatch batch, DataFile file)
    {
        var columns = new ColumnVector[_sources.Length];
        for (int c = 0; c < _sources.Length; c++)
        {
            var (isPartition, index) = _sources[c];
            columns[c] = isPartition
                ? ConstantVectors.Create(_fileSet.PartitionSchema[index].Type, file.PartitionValues[index], batch.RowCount)
                : batch[index];
        }
        return new ColumnBatch(OutputSchema, columns, batch.RowCount);
    }

    public override string ToString()
    {
        int selected = _partitionFilter is null ? _fileSet.Files.Count : SelectedFiles.Count;
        string text = $"FileScan {_format.Name} [{string.Join(", ", OutputSchema.Fields.Select(f => f.Name))}] files={selected}/{_fileSet.Files.Count}";
        if (_fileSet.PartitionSchema.Count > 0)
            text += $" partitionColumns=[{string.Join(", ", _fileSet.PartitionSchema.Fields.Select(f => f.Name))}]";
        if (_partitionFilterText is not null) text += $" partitionFilter={_partitionFilterText}";
        if (DataFilters.Count > 0) text += $" PushedFilters=[{string.Join(", ", DataFilters)}]";
        return text;
    }
}
