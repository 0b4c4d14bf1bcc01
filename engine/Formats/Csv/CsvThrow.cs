using System.Diagnostics.CodeAnalysis;

namespace Kindling.Formats.Csv;

/// <summary>The CSV reader's and writer's errors: each names the file, line, column and raw text, and the option that would change the outcome.</summary>
internal static class CsvThrow
{
    [DoesNotReturn]
    public static void MalformedRecord(string file, long line, string? column, string rawText, string reason) =>
        throw new KindlingDataException(
            $"Malformed CSV record in '{file}' at line {line}{(column is null ? "" : $", column '{column}'")}: {reason}. " +
            $"Record: {Shorten(rawText)}. Mode is FAILFAST; set mode=PERMISSIVE (with columnNameOfCorruptRecord) to keep such records or mode=DROPMALFORMED to skip them.",
            file, line, column);

    [DoesNotReturn]
    public static void HeaderMismatch(string file, IReadOnlyList<string> expected, IReadOnlyList<string> found) =>
        throw new KindlingDataException(
            $"CSV header of '{file}' does not match the schema: expected [{string.Join(", ", expected)}] but found [{string.Join(", ", found)}]. " +
            "Fix the file or the schema, or set enforceSchema=true to ignore header names.", file, 1);

    [DoesNotReturn]
    public static void CorruptColumnNotString(string column, string type) =>
        throw new ArgumentException($"The column of corrupt records '{column}' must be a nullable string column, but it is {type}. Change its type or set columnNameOfCorruptRecord to another name.");

    [DoesNotReturn]
    public static void RecordTooLarge(string file, long offset, int limit) =>
        throw new KindlingDataException(
            $"CSV record in '{file}' starting at byte {offset} is longer than {limit} bytes; an unbalanced quote probably swallowed the rest of the file. Check the quoting, or set multiLine=false.", file);

    [DoesNotReturn]
    public static void UnsupportedNestedType(string column, string type) =>
        throw new NotSupportedException($"CSV data source does not support {type} data type. Column `{column}`: read or write it as a string (CAST({column} AS STRING) gives Spark's [a, b] text; split(...) turns text into an array), or use JSON.");

    [DoesNotReturn]
    public static void UnsupportedType(string column, string type) =>
        throw new NotSupportedException($"CSV cannot hold column '{column}' of type {type}; cast it to string first.");

    public static string Shorten(string raw) => raw.Length <= 200 ? raw : string.Concat(raw.AsSpan(0, 200), "…");
}
