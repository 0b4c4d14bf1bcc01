namespace Kindling.Formats;

/// <summary>The registry of file formats by name (case-insensitive).</summary>
internal static class FileFormats
{
    public static IFileFormat Get(string name) => throw new NotImplementedException("pending: implemented by the engine-io branch");

    public static void Register(IFileFormat format) => throw new NotImplementedException("pending: implemented by the engine-io branch");
}
