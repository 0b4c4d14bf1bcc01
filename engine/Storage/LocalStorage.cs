namespace Kindling.Storage;

/// <summary>
/// The few file-system operations the formats and jobs need, for local paths. Everything that touches
/// the file system goes through here so that an S3 implementation can slot in later (list, open,
/// create, rename, delete). Paths are normalized to full paths.
/// </summary>
internal static class LocalStorage
{
    public static string Normalize(string path)
    {
        if (path.StartsWith("file://", StringComparison.OrdinalIgnoreCase)) path = path["file://".Length..];
        if (path.Contains("://", StringComparison.Ordinal))
            StorageThrow.RemotePathNotSupported(path);
        return Path.GetFullPath(path);
    }

    /// <summary>One entry of a folder listing.</summary>
    public readonly record struct Entry(string Path, string Name, bool IsDirectory, long Length);

    /// <summary>The folder's files and subfolders, sorted by name (ordinal), with file sizes.</summary>
    public static List<Entry> List(string folder)
    {
        var entries = new List<Entry>();
        foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            entries.Add(new Entry(info.FullName, info.Name, info is DirectoryInfo, info is FileInfo f ? f.Length : 0));
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    /// <summary>The size of a file, or -1 when it is not a file.</summary>
    public static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : -1;

    public static bool IsDirectory(string path) => Directory.Exists(path);

    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    /// <summary>True for names Spark and Hadoop treat as hidden or metadata: starting with '_' or '.' (_SUCCESS, _temporary, .crc files).</summary>
    public static bool IsHidden(string name) => name.Length > 0 && (name[0] == '_' || name[0] == '.');

    public static void MoveDirectoryContents(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string entry in Directory.EnumerateFileSystemEntries(source))
        {
            string target = Path.Combine(destination, Path.GetFileName(entry));
            if (Directory.Exists(entry)) Directory.Move(entry, target);
            else File.Move(entry, target);
        }
    }

    public static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static void WriteEmptyFile(string path) => File.WriteAllBytes(path, []);
}
