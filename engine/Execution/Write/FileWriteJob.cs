using Kindling.Formats;

namespace Kindling.Execution.Write;

/// <summary>Writes a plan's output as part files under a folder and commits it atomically with _SUCCESS.</summary>
internal static class FileWriteJob
{
    public static long Run(PhysicalOperator input, QueryContext context, string path, IFileFormat format, WriteMode mode, IReadOnlyList<string> partitionBy, FormatOptions options, bool dynamicPartitionOverwrite) => throw new NotImplementedException("pending: implemented by the engine-io branch");
}
