using System.Diagnostics.CodeAnalysis;

namespace Kindling.Formats.Json;

/// <summary>The JSON reader's and writer's errors, naming the file, line and record, and the option to change.</summary>
internal static class JsonThrow
{
    [DoesNotReturn]
    public static void MalformedRecord(string file, long line, string? column, string rawText, string reason) =>
        throw new KindlingDataException(
            $"Malformed JSON record in '{file}' at line {line}{(column is null ? "" : $", field '{column}'")}: {reason}. " +
            $"Record: {Formats.Csv.CsvThrow.Shorten(rawText)}. Mode is FAILFAST; set mode=PERMISSIVE (with columnNameOfCorruptRecord) to keep such records or mode=DROPMALFORMED to skip them.",
            file, line, column);

    [DoesNotReturn]
    public static void UnsupportedType(string column, string type) =>
        throw new NotSupportedException($"The JSON data source cannot hold column '{column}' of type {type}.");
}
