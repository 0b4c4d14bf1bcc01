namespace Kindling.Formats;

/// <summary>A reader's or writer's options: Spark's option strings with case-insensitive keys.</summary>
internal sealed class FormatOptions
{
    public FormatOptions(IReadOnlyDictionary<string, string>? options = null) => throw new NotImplementedException("pending: implemented by the engine-io branch");

    public IReadOnlyDictionary<string, string> All => throw new NotImplementedException("pending: implemented by the engine-io branch");

    public string? Get(string key) => throw new NotImplementedException("pending: implemented by the engine-io branch");

    public string Get(string key, string defaultValue) => throw new NotImplementedException("pending: implemented by the engine-io branch");

    public bool GetBool(string key, bool defaultValue) => throw new NotImplementedException("pending: implemented by the engine-io branch");

    public int GetInt(string key, int defaultValue) => throw new NotImplementedException("pending: implemented by the engine-io branch");
}
