using System.Globalization;
using Kindling.Execution.Write;
using Kindling.Formats;

namespace Kindling.Sql;

/// <summary>Interface used to write a DataFrame to external storage systems.</summary>
public sealed class DataFrameWriter
{
    private readonly DataFrame _df;
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _partitionBy = [];
    private SaveMode _mode = SaveMode.ErrorIfExists;
    private string? _format;

    internal DataFrameWriter(DataFrame df) => _df = df;

    /// <summary>Specifies the behavior when data or table already exists.</summary>
    public DataFrameWriter Mode(SaveMode saveMode)
    {
        _mode = saveMode;
        return this;
    }

    /// <summary>Specifies the behavior when data already exists: "overwrite", "append", "ignore", "error"/"errorifexists"/"default".</summary>
    public DataFrameWriter Mode(string saveMode) => Mode(saveMode.ToLowerInvariant() switch
    {
        "overwrite" => SaveMode.Overwrite,
        "append" => SaveMode.Append,
        "ignore" => SaveMode.Ignore,
        "error" or "errorifexists" or "default" => SaveMode.ErrorIfExists,
        _ => throw new ArgumentException($"Unknown save mode: {saveMode}. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'."),
    });

    /// <summary>Specifies the underlying output data source ("parquet", "csv", "json", "text").</summary>
    public DataFrameWriter Format(string source)
    {
        _format = source;
        return this;
    }

    /// <summary>Adds an output option for the underlying data source.</summary>
    public DataFrameWriter Option(string key, string value)
    {
        _options[key] = value;
        return this;
    }

    /// <summary>Adds an output option for the underlying data source.</summary>
    public DataFrameWriter Option(string key, bool value) => Option(key, value ? "true" : "false");

    /// <summary>Adds an output option for the underlying data source.</summary>
    public DataFrameWriter Option(string key, long value) => Option(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds an output option for the underlying data source.</summary>
    public DataFrameWriter Option(string key, double value) => Option(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds output options for the underlying data source.</summary>
    public DataFrameWriter Options(Dictionary<string, string> options)
    {
        foreach (var (k, v) in options) _options[k] = v;
        return this;
    }

    /// <summary>Partitions the output by the given columns on the file system (Hive-style col=value folders).</summary>
    public DataFrameWriter PartitionBy(params string[] colNames)
    {
        _partitionBy.Clear();
        _partitionBy.AddRange(colNames);
        return this;
    }

    /// <summary>Saves the content of the DataFrame to the "path" option.</summary>
    public void Save() => Save(_options.TryGetValue("path", out var p)
        ? p
        : throw new ArgumentException("Save() needs a path: pass it to Save(path) or set Option(\"path\", ...)"));

    /// <summary>Saves the content of the DataFrame at the specified path.</summary>
    public void Save(string path)
    {
        var session = _df.Session;
        var format = FileFormats.Get(_format ?? session.Conf.Get("spark.sql.sources.default", "parquet"));
        foreach (var col in _partitionBy)
            if (!_df.Columns().Any(c => string.Equals(c, col, StringComparison.OrdinalIgnoreCase)))
                throw new Plan.AnalysisException($"PartitionBy column `{col}` does not exist. Available columns: [{string.Join(", ", _df.Columns())}]");
        string overwriteMode = _options.TryGetValue("partitionOverwriteMode", out var m) ? m
            : session.Conf.Get("spark.sql.sources.partitionOverwriteMode", "static");
        bool dynamic = string.Equals(overwriteMode, "dynamic", StringComparison.OrdinalIgnoreCase);
        var execution = _df.NewExecution();
        var mode = _mode switch
        {
            SaveMode.Append => WriteMode.Append,
            SaveMode.Overwrite => WriteMode.Overwrite,
            SaveMode.Ignore => WriteMode.Ignore,
            _ => WriteMode.ErrorIfExists,
        };
        // One partition (Coalesce(1), Repartition(1)) writes one file per folder, as one Spark task does.
        bool singleFile = Plan.Logical.Repartition.PartitionsOf(execution.Optimized) == 1;
        FileWriteJob.Run(execution.Physical, execution.Context, path, format, mode, _partitionBy, new FormatOptions(_options), dynamic, singleFile);
    }

    /// <summary>Saves the content of the DataFrame in Parquet format at the specified path.</summary>
    public void Parquet(string path) => Format("parquet").Save(path);

    /// <summary>Saves the content of the DataFrame in CSV format at the specified path.</summary>
    public void Csv(string path) => Format("csv").Save(path);

    /// <summary>Saves the content of the DataFrame in JSON format (one object per line) at the specified path.</summary>
    public void Json(string path) => Format("json").Save(path);

    /// <summary>Saves the content of the DataFrame (a single string column) in a text file at the specified path.</summary>
    public void Text(string path) => Format("text").Save(path);
}
