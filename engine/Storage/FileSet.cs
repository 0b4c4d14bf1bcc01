using Kindling.Vectors;

namespace Kindling.Storage;

/// <summary>The files of a dataset and the schema of its partition columns.</summary>
internal sealed record FileSet(IReadOnlyList<DataFile> Files, Schema PartitionSchema);
