namespace Kindling.Formats;

/// <summary>
/// A malformed input record: its file, 1-based line number (the line where the record starts), the
/// column whose value failed (null when the record's framing was wrong), its raw text and the reason.
/// Readers hand these to <see cref="FormatOptions.RecordErrorSink"/>; the jobs write them to rejects/.
/// </summary>
internal sealed record RecordError(string File, long Line, string? Column, string RawText, string Reason);
