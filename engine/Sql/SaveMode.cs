namespace Kindling.Sql;

/// <summary>Specifies the behavior when data or table already exists.</summary>
public enum SaveMode
{
    /// <summary>Append contents of this DataFrame to existing data.</summary>
    Append,

    /// <summary>Overwrite existing data.</summary>
    Overwrite,

    /// <summary>Throw an exception if data already exists.</summary>
    ErrorIfExists,

    /// <summary>Ignore the operation if data already exists (no-op).</summary>
    Ignore,
}
