using System.Globalization;

namespace Kindling.Sql;

/// <summary>The entry point to create a SparkSession: master, app name and configuration.</summary>
public sealed class Builder
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    internal Builder()
    {
    }

    /// <summary>Sets the master: "local", "local[N]" or "local[*]" (degree of parallelism).</summary>
    public Builder Master(string master) => Config("spark.master", master);

    /// <summary>Sets a name for the application, which will be shown in logs.</summary>
    public Builder AppName(string name) => Config("spark.app.name", name);

    /// <summary>Sets a config option (engine knobs: spark.kindling.memoryLimit, spark.kindling.spillDir, spark.kindling.batchSize).</summary>
    public Builder Config(string key, string value)
    {
        _options[key] = value;
        return this;
    }

    /// <summary>Sets a config option.</summary>
    public Builder Config(string key, bool value) => Config(key, value ? "true" : "false");

    /// <summary>Sets a config option.</summary>
    public Builder Config(string key, double value) => Config(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Sets a config option.</summary>
    public Builder Config(string key, long value) => Config(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Gets the active session, or creates one with this builder's options; options apply to an existing session too.</summary>
    public SparkSession GetOrCreate() => SparkSession.GetOrCreate(_options);
}
