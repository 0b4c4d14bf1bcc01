namespace Kindling.DataGen.Generators;

/// <summary>
/// Writes a folder under a temporary sibling name and renames it into place when complete, so a
/// reader never sees a half-written day and a rerun replaces the old one.
/// </summary>
internal static class FolderCommit
{
    public static void Write(string finalPath, Action<string> writeInto)
    {
        string parent = Path.GetDirectoryName(Path.GetFullPath(finalPath))!;
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".tmp-{Path.GetFileName(finalPath)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            writeInto(temp);
            if (Directory.Exists(finalPath))
            {
                // Move the old copy aside first so the swap is two renames, then delete it.
                string old = Path.Combine(parent, $".old-{Path.GetFileName(finalPath)}-{Guid.NewGuid():N}");
                Directory.Move(finalPath, old);
                Directory.Move(temp, finalPath);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temp, finalPath);
            }
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }
}
