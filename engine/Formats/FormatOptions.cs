using System.Globalization;

namespace Kindling.Formats;

/// <summary>A reader's or writer's options: Spark's option strings with case-insensitive keys.</summary>
/// <remarks>
/// Besides the strings, an options object can carry a <see cref="RecordErrorSink"/>: the jobs use it to
/// receive malformed records (DATA-CONTRACT section 6) while the format keeps reading.
/// </remarks>
internal sealed class FormatOptions
{
    private readonly Dictionary<string, string> _options;

    public FormatOptions(IReadOnlyDictionary<string, string>? options = null)
    {
        _options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options is not null)
            foreach (var (key, value) in options)
                _options[key] = value;
    }

    /// <summary>The empty option set (every option at its default).</summary>
    public static FormatOptions Default { get; } = new();

    public IReadOnlyDictionary<string, string> All => _options;

    /// <summary>
    /// Called for every malformed record a reader meets, in every mode (before it is nulled, dropped or
    /// fails the read), in file order, on the thread that enumerates the batches. Not a Spark option.
    /// </summary>
    public Action<RecordError>? RecordErrorSink { get; init; }

    public string? Get(string key) => _options.TryGetValue(key, out var v) ? v : null;

    public string Get(string key, string defaultValue) => Get(key) ?? defaultValue;

    public bool GetBool(string key, bool defaultValue)
    {
        string? v = Get(key);
        if (v is null) return defaultValue;
        if (bool.TryParse(v.Trim(), out bool b)) return b;
        throw new ArgumentException($"option '{key}' must be true or false, found '{v}'");
    }

    public int GetInt(string key, int defaultValue)
    {
        string? v = Get(key);
        if (v is null) return defaultValue;
        if (int.TryParse(v.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) return i;
        throw new ArgumentException($"option '{key}' must be an integer, found '{v}'");
    }

    public long GetLong(string key, long defaultValue)
    {
        string? v = Get(key);
        if (v is null) return defaultValue;
        if (long.TryParse(v.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long i)) return i;
        throw new ArgumentException($"option '{key}' must be an integer, found '{v}'");
    }

    /// <summary>A single-character option such as sep or quote; an empty string means "none" (\0), as in Spark's quote="".</summary>
    public char GetChar(string key, char defaultValue)
    {
        string? v = Get(key);
        if (v is null) return defaultValue;
        if (v.Length == 0) return '\0';
        if (v.Length == 1) return v[0];
        if (v == "\\t") return '\t';
        if (v.Length == 2 && v[0] == '\\') return v[1];
        throw new ArgumentException($"option '{key}' must be a single character, found '{v}'");
    }

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/> (the error sink is kept).</summary>
    public FormatOptions With(string key, string value)
    {
        var copy = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase) { [key] = value };
        return new FormatOptions(copy) { RecordErrorSink = RecordErrorSink };
    }

    /// <summary>A copy with the same option strings and another <see cref="RecordErrorSink"/>.</summary>
    public FormatOptions WithRecordErrorSink(Action<RecordError>? sink) => new(_options) { RecordErrorSink = sink };

    public override string ToString() => string.Join(", ", _options.Select(kv => $"{kv.Key}={kv.Value}"));
}
