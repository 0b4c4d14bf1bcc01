using System.Text;
using Kindling.Formats.Values;

namespace Kindling.Formats.Csv;

/// <summary>Spark's DataFrameWriter CSV options.</summary>
internal sealed class CsvWriteOptions
{
    public bool Header { get; init; }
    public byte Separator { get; init; } = (byte)',';
    public byte Quote { get; init; } = (byte)'"';
    /// <summary>Spark escapes quotes inside quoted values with a backslash by default; set escape to '"' for RFC 4180 ("").</summary>
    public byte Escape { get; init; } = (byte)'\\';
    public bool QuoteAll { get; init; }
    public bool EscapeQuotes { get; init; } = true;
    public byte[] NullValue { get; init; } = [];
    /// <summary>How an empty string is written; Spark writes <c>""</c> so that it reads back as empty, not null.</summary>
    public byte[] EmptyValue { get; init; } = "\"\""u8.ToArray();
    public TemporalPattern DateFormat { get; init; } = TemporalPattern.ForDate(null);
    /// <summary>Spark writes timestamps as yyyy-MM-dd'T'HH:mm:ss.SSSXXX (2024-03-01T13:05:22.000Z).</summary>
    public TemporalPattern TimestampFormat { get; init; } = TemporalPattern.ForTimestamp(DefaultWriteTimestamp);
    public byte[] LineSeparator { get; init; } = "\n"u8.ToArray();

    public const string DefaultWriteTimestamp = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

    public static CsvWriteOptions From(FormatOptions options)
    {
        string encoding = options.Get("encoding") ?? options.Get("charset") ?? "UTF-8";
        if (!encoding.Replace("-", "", StringComparison.Ordinal).Equals("UTF8", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"CSV option encoding='{encoding}' is not supported for writing; only UTF-8 is.");
        byte quote = Ascii(options, "quote", '"');
        string? emptyValue = options.Get("emptyValue");
        return new CsvWriteOptions
        {
            Header = options.GetBool("header", false),
            Separator = Ascii(options, options.Get("sep") is not null ? "sep" : "delimiter", ','),
            Quote = quote,
            Escape = Ascii(options, "escape", '\\'),
            QuoteAll = options.GetBool("quoteAll", false),
            EscapeQuotes = options.GetBool("escapeQuotes", true),
            NullValue = Encoding.UTF8.GetBytes(options.Get("nullValue", "")),
            EmptyValue = emptyValue is null ? (quote == 0 ? [] : [quote, quote]) : Encoding.UTF8.GetBytes(emptyValue),
            DateFormat = TemporalPattern.ForDate(options.Get("dateFormat")),
            TimestampFormat = TemporalPattern.ForTimestamp(options.Get("timestampFormat") ?? DefaultWriteTimestamp),
            LineSeparator = Encoding.UTF8.GetBytes(options.Get("lineSep", "\n")),
        };
    }

    private static byte Ascii(FormatOptions options, string key, char defaultValue)
    {
        char c = options.GetChar(key, defaultValue);
        if (c > 127) throw new ArgumentException($"CSV option {key}='{c}' must be an ASCII character");
        return (byte)c;
    }
}
