namespace Kindling.Storage;

/// <summary>One file of a dataset with the values of its Hive partition columns.</summary>
internal sealed record DataFile(string Path, long Length, object?[] PartitionValues);
