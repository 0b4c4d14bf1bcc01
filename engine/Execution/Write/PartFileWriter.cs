using Kindling.Formats;
using Kindling.Vectors;

namespace Kindling.Execution.Write;

/// <summary>Writes numbered part files (<c>part-NNNNN-&lt;runId&gt;&lt;ext&gt;</c>) under a job's temporary folder and remembers which partition folders got files.</summary>
internal sealed class PartFileWriter(string tempRoot, string runId, IFileFormat format, FormatOptions options, Schema dataSchema)
{
    private readonly string _extension = format.FileExtension(options);
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private int _nextPart;

    /// <summary>Partition folders (relative, '/'-separated; "" for the root) that received files.</summary>
    public IReadOnlyCollection<string> WrittenFolders => _folders;

    public void WriteFile(string folder, IEnumerable<ColumnBatch> batches)
    {
        string directory = folder.Length == 0 ? tempRoot : Path.Combine(tempRoot, folder);
        Directory.CreateDirectory(directory);
        string file = Path.Combine(directory, $"part-{_nextPart++:D5}-{runId}{_extension}");
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            format.Write(stream, dataSchema, batches, options);
        _folders.Add(folder);
    }
}
