using System.Diagnostics.CodeAnalysis;

namespace Kindling.Storage;

/// <summary>The storage layer's errors; each names the path and what to do.</summary>
internal static class StorageThrow
{
    [DoesNotReturn]
    public static void PathNotFound(string path) =>
        throw new FileNotFoundException($"Path does not exist: {path}. Check the path, or that the job that writes it has run.", path);

    [DoesNotReturn]
    public static void ConflictingDirectories(string firstFolder, IEnumerable<string> firstColumns, string otherFolder, IEnumerable<string> otherColumns) =>
        throw new InvalidOperationException(
            "Conflicting directory structures detected: files must all sit at the same depth of key=value partition folders. " +
            $"Suspicious paths:\n\t{firstFolder} (partition columns [{string.Join(", ", firstColumns)}])\n\t" +
            $"{otherFolder} (partition columns [{string.Join(", ", otherColumns)}])\n" +
            "Remove or move the stray files, or read the folders separately.");

    [DoesNotReturn]
    public static void RemotePathNotSupported(string path) =>
        throw new NotSupportedException($"'{path}': only local paths are supported for now (S3 support is planned).");
}
