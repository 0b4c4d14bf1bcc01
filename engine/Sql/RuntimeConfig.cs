using System.Globalization;

namespace Kindling.Sql;

/// <summary>A session's configuration (Spark's RuntimeConfig): string keys, case-insensitive, string values.</summary>
internal sealed class RuntimeConfig
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string key, string value) => _values[key] = value;

    public string? Get(string key) => _values.TryGetValue(key, out var v) ? v : null;

    public string Get(string key, string defaultValue) => Get(key) ?? defaultValue;

    public IReadOnlyDictionary<string, string> All => _values;

    /// <summary>Parses a Spark size string ("512m", "4g", "1024") to bytes; 0 when unset.</summary>
    public long GetBytes(string key)
    {
        var s = Get(key)?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(s)) return 0;
        long mult = 1;
        char last = s[^1];
        if (last == 'b') { s = s[..^1]; last = s.Length > 0 ? s[^1] : '0'; }
        switch (last)
        {
            case 'k': mult = 1L << 10; s = s[..^1]; break;
            case 'm': mult = 1L << 20; s = s[..^1]; break;
            case 'g': mult = 1L << 30; s = s[..^1]; break;
            case 't': mult = 1L << 40; s = s[..^1]; break;
        }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw new ArgumentException($"configuration {key} = '{Get(key)}' is not a size such as 512m or 4g");
        return (long)(v * mult);
    }
}
