namespace Kindling.Formats;

/// <summary>
/// Input data that a reader cannot accept under the chosen options (the data's or the options' fault,
/// never a bug). Carries the place so callers can report it without parsing the message.
/// </summary>
internal sealed class KindlingDataException : FormatException
{
    public KindlingDataException(string message, string? file = null, long line = 0, string? column = null, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string? File { get; }

    /// <summary>1-based line number, or 0 when unknown.</summary>
    public long Line { get; }

    public string? Column { get; }
}
