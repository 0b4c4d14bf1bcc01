namespace Kindling.Formats;

/// <summary>What a reader does with a malformed record (Spark's <c>mode</c> option).</summary>
internal enum ParseMode
{
    /// <summary>Keep the record: fields that failed become null and the raw text goes to columnNameOfCorruptRecord.</summary>
    Permissive,
    /// <summary>Skip the record.</summary>
    DropMalformed,
    /// <summary>Stop the read with an error naming the record.</summary>
    FailFast,
}
