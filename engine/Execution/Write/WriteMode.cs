namespace Kindling.Execution.Write;

/// <summary>What a write does when its destination exists (Spark's SaveMode).</summary>
internal enum WriteMode
{
    Append,
    Overwrite,
    ErrorIfExists,
    Ignore,
}
