using System.Text;
using Kindling.Formats.Values;

namespace Kindling.Formats.Csv;

/// <summary>Spark's DataFrameReader CSV options, parsed and validated once per read.</summary>
internal sealed class CsvReadOptions
{
    public bool Header { get; init; }
    public byte Separator { get; init; } = (byte)',';
    /// <summary>0 when quoting is off (quote="").</summary>
    public byte Quote { get; init; } = (byte)'"';
    /// <summary>Spark's default escape is a backslash; doubled quotes ("") are always understood inside quotes.</summary>
    public byte Escape { get; init; } = (byte)'\\';
    public bool MultiLine { get; init; }
    public ParseMode Mode { get; init; } = ParseMode.Permissive;
    public string CorruptRecordColumn { get; init; } = ParseModes.DefaultCorruptRecordColumn;
    public byte[] NullValue { get; init; } = [];
    public byte[] EmptyValue { get; init; } = [];
    public byte[] NanValue { get; init; } = "NaN"u8.ToArray();
    public byte[] PositiveInf { get; init; } = "Inf"u8.ToArray();
    public byte[] NegativeInf { get; init; } = "-Inf"u8.ToArray();
    public bool InferSchema { get; init; }
    /// <summary>False: the header's names must equal the schema's (Spark's enforceSchema=false).</summary>
    public bool EnforceSchema { get; init; } = true;
    public TemporalPattern DateFormat { get; init; } = TemporalPattern.ForDate(null);
    public TemporalPattern TimestampFormat { get; init; } = TemporalPattern.ForTimestamp(null);
    public bool IgnoreLeadingWhiteSpace { get; init; }
    public bool IgnoreTrailingWhiteSpace { get; init; }
    /// <summary>Lines starting with this character are skipped (Spark's comment option; 0 = off).</summary>
    public byte Comment { get; init; }
    public Action<RecordError>? RecordErrorSink { get; init; }
    /// <summary>Bytes per parallel chunk; 0 picks from the file size. For tests and benchmarks.</summary>
    public int ChunkSize { get; init; }
    /// <summary>Initial bytes of the single-thread streaming buffer (it grows for longer records). For tests.</summary>
    public int StreamBufferSize { get; init; } = 1 << 20;
    /// <summary>False forces the scalar tokenizer (tests run both).</summary>
    public bool UseVectorTokenizer { get; init; } = true;

    public static CsvReadOptions From(FormatOptions options)
    {
        string encoding = options.Get("encoding") ?? options.Get("charset") ?? "UTF-8";
        if (!encoding.Replace("-", "", StringComparison.Ordinal).Equals("UTF8", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"CSV option encoding='{encoding}' is not supported; only UTF-8 is. Convert the file to UTF-8.");
        string? lineSep = options.Get("lineSep");
        if (lineSep is not null && lineSep is not ("\n" or "\r\n" or "\r"))
            throw new ArgumentException($"CSV option lineSep must be \\n, \\r\\n or \\r; found '{lineSep}'");
        return new CsvReadOptions
        {
            Header = options.GetBool("header", false),
            Separator = AsciiByte(options, options.Get("sep") is not null ? "sep" : "delimiter", ','),
            Quote = AsciiByte(options, "quote", '"'),
            Escape = AsciiByte(options, "escape", '\\'),
            MultiLine = options.GetBool("multiLine", false),
            Mode = ParseModes.From(options),
            CorruptRecordColumn = ParseModes.CorruptRecordColumn(options),
            NullValue = Encoding.UTF8.GetBytes(options.Get("nullValue", "")),
            EmptyValue = Encoding.UTF8.GetBytes(options.Get("emptyValue", "")),
            NanValue = Encoding.UTF8.GetBytes(options.Get("nanValue", "NaN")),
            PositiveInf = Encoding.UTF8.GetBytes(options.Get("positiveInf", "Inf")),
            NegativeInf = Encoding.UTF8.GetBytes(options.Get("negativeInf", "-Inf")),
            InferSchema = options.GetBool("inferSchema", false),
            EnforceSchema = options.GetBool("enforceSchema", true),
            DateFormat = TemporalPattern.ForDate(options.Get("dateFormat")),
            TimestampFormat = TemporalPattern.ForTimestamp(options.Get("timestampFormat")),
            IgnoreLeadingWhiteSpace = options.GetBool("ignoreLeadingWhiteSpace", false),
            IgnoreTrailingWhiteSpace = options.GetBool("ignoreTrailingWhiteSpace", false),
            Comment = AsciiByte(options, "comment", '\0'),
            RecordErrorSink = options.RecordErrorSink,
        };
    }

    private static byte AsciiByte(FormatOptions options, string key, char defaultValue)
    {
        char c = options.GetChar(key, defaultValue);
        if (c > 127)
            throw new ArgumentException($"CSV option {key}='{c}' must be an ASCII character");
        return (byte)c;
    }
}
