namespace Kindling.Storage;

/// <summary>Expands paths into data files and discovers Hive-style key=value partitions.</summary>
internal static class PartitionDiscovery
{
    public static FileSet Discover(IReadOnlyList<string> paths, bool inferTypes = true) => throw new NotImplementedException("pending: implemented by the engine-io branch");
}
