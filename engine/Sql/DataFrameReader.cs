using System.Globalization;
using Kindling.Formats;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Sql.Types;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Sql;

/// <summary>Interface used to load a DataFrame from external storage systems (csv, json, text, parquet files).</summary>
public sealed class DataFrameReader
{
    private readonly SparkSession _session;
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private string? _format;
    private StructType? _schema;

    internal DataFrameReader(SparkSession session) => _session = session;

    /// <summary>Specifies the input data source format ("csv", "json", "text", "parquet").</summary>
    public DataFrameReader Format(string source)
    {
        _format = source;
        return this;
    }

    /// <summary>Specifies the schema by using the input StructType (skips schema inference).</summary>
    public DataFrameReader Schema(StructType schema)
    {
        _schema = schema;
        return this;
    }

    /// <summary>Specifies the schema by using the given DDL-formatted string, e.g. "a INT, b STRING".</summary>
    public DataFrameReader Schema(string schemaString) => Schema(TypeParser.ParseSchema(schemaString));

    /// <summary>Adds an input option for the underlying data source.</summary>
    public DataFrameReader Option(string key, string value)
    {
        _options[key] = value;
        return this;
    }

    /// <summary>Adds an input option for the underlying data source.</summary>
    public DataFrameReader Option(string key, bool value) => Option(key, value ? "true" : "false");

    /// <summary>Adds an input option for the underlying data source.</summary>
    public DataFrameReader Option(string key, long value) => Option(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds an input option for the underlying data source.</summary>
    public DataFrameReader Option(string key, double value) => Option(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds input options for the underlying data source.</summary>
    public DataFrameReader Options(Dictionary<string, string> options)
    {
        foreach (var (k, v) in options) _options[k] = v;
        return this;
    }

    /// <summary>Loads input as a DataFrame from the "path" option.</summary>
    public DataFrame Load() => _options.TryGetValue("path", out var p)
        ? Load([p])
        : throw new ArgumentException("Load() needs a path: pass it to Load(path) or set Option(\"path\", ...)");

    /// <summary>Loads input from the given path.</summary>
    public DataFrame Load(string path) => Load([path]);

    /// <summary>Loads input from the given paths (files or folders; Hive-style key=value folders become partition columns).</summary>
    public DataFrame Load(params string[] paths)
    {
        string formatName = _format ?? _session.Conf.Get("spark.sql.sources.default", "parquet");
        var format = FileFormats.Get(formatName);
        var options = new FormatOptions(_options);
        var fileSet = PartitionDiscovery.Discover(paths, options.GetBool("inferPartitionTypes", true) && _session.Conf.Get("spark.sql.sources.partitionColumnTypeInference.enabled", "true") != "false");
        Schema dataSchema;
        if (_schema is not null)
        {
            var user = _schema.ToSchema();
            dataSchema = new Schema(user.Fields.Where(f => fileSet.PartitionSchema.IndexOf(f.Name) < 0).ToList());
        }
        else
        {
            dataSchema = format.InferSchema([.. fileSet.Files.Select(f => f.Path)], options);
        }
        var output = dataSchema.Fields.Select(f => AttributeRef.Create(f.Name, f.Type, f.Nullable)).ToList();
        foreach (var pf in fileSet.PartitionSchema.Fields)
            output.Add(AttributeRef.Create(pf.Name, pf.Type, true));
        LogicalPlan plan = new FileRelation(format, fileSet, dataSchema, options, output);

        // A user schema that types a partition column differently wins, as in Spark: cast the discovered value.
        if (_schema is not null)
        {
            var userTypes = _schema.ToSchema();
            bool recast = false;
            var projections = output.Select(a =>
            {
                int i = userTypes.IndexOf(a.Name);
                if (i < 0 || userTypes[i].Type == a.Type) return (Expr)a;
                recast = true;
                return new Alias(new CastExpr(a, userTypes[i].Type), a.Name);
            }).ToList();
            if (recast) plan = new Project(projections, plan);
        }
        return new DataFrame(_session, plan);
    }

    /// <summary>Loads CSV files and returns the result as a DataFrame.</summary>
    public DataFrame Csv(params string[] paths) => Format("csv").Load(paths);

    /// <summary>Loads Parquet files, returning the result as a DataFrame.</summary>
    public DataFrame Parquet(params string[] paths) => Format("parquet").Load(paths);

    /// <summary>Loads JSON files (one object per line) and returns the results as a DataFrame.</summary>
    public DataFrame Json(params string[] paths) => Format("json").Load(paths);

    /// <summary>Loads text files and returns a DataFrame whose schema starts with a string column named "value".</summary>
    public DataFrame Text(params string[] paths) => Format("text").Load(paths);
}
