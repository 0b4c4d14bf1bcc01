namespace Kindling.Formats;

/// <summary>Reads Spark's <c>mode</c> and <c>columnNameOfCorruptRecord</c> options.</summary>
internal static class ParseModes
{
    public const string DefaultCorruptRecordColumn = "_corrupt_record";

    public static ParseMode From(FormatOptions options)
    {
        string mode = options.Get("mode", "PERMISSIVE");
        return mode.ToUpperInvariant() switch
        {
            "PERMISSIVE" => ParseMode.Permissive,
            "DROPMALFORMED" => ParseMode.DropMalformed,
            "FAILFAST" => ParseMode.FailFast,
            _ => throw new ArgumentException($"option mode='{mode}' is not one of PERMISSIVE, DROPMALFORMED, FAILFAST"),
        };
    }

    public static string CorruptRecordColumn(FormatOptions options) =>
        options.Get("columnNameOfCorruptRecord", DefaultCorruptRecordColumn);
}
