using System.Diagnostics.CodeAnalysis;

namespace Kindling.Execution.Write;

/// <summary>The write job's errors: the user's choices (mode, partition columns) and the path they concern.</summary>
internal static class WriteThrow
{
    [DoesNotReturn]
    public static void PathExists(string path) =>
        throw new IOException($"Path '{path}' already exists. Set mode to Overwrite to replace it, Append to add to it, or Ignore to skip the write.");

    [DoesNotReturn]
    public static void PathIsFile(string path) =>
        throw new IOException($"Cannot write to '{path}': it is a file, not a folder.");

    [DoesNotReturn]
    public static void PartitionColumnNotFound(string column, IEnumerable<string> available) =>
        throw new ArgumentException($"Partition column '{column}' not found in the data's columns [{string.Join(", ", available)}].");

    [DoesNotReturn]
    public static void PartitionColumnRepeated(string column) =>
        throw new ArgumentException($"Partition column '{column}' is listed twice in partitionBy.");

    [DoesNotReturn]
    public static void PartitionColumnType(string column, string type) =>
        throw new Plan.AnalysisException($"Cannot use {type} for partition column `{column}`: partition values are scalars; partition by a scalar derived from it instead.");

    [DoesNotReturn]
    public static void AllColumnsPartitioned() =>
        throw new ArgumentException("Cannot use all columns for partition columns: at least one column must be stored in the files.");
}
