using System.Globalization;
using Kindling.Execution;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Sql.Types;
using Kindling.Vectors;

namespace Kindling.Sql;

/// <summary>The entry point to programming Spark with the Dataset and DataFrame API.</summary>
public sealed class SparkSession : IDisposable
{
    private static readonly object s_lock = new();
    private static SparkSession? s_active;
    private readonly Dictionary<string, LogicalPlan> _tempViews = new(StringComparer.OrdinalIgnoreCase);

    private SparkSession(IReadOnlyDictionary<string, string> options)
    {
        foreach (var (k, v) in options) Conf.Set(k, v);
    }

    internal RuntimeConfig Conf { get; } = new();

    /// <summary>Creates a Builder object for SparkSession.</summary>
    public static Builder Builder() => new();

    internal static SparkSession GetOrCreate(IReadOnlyDictionary<string, string> options)
    {
        // Settings this engine cannot run with are refused here, as Spark refuses a bad master when the context
        // starts, rather than in the middle of the first query.
        var probe = new RuntimeConfig();
        foreach (var (k, v) in options) probe.Set(k, v);
        if (probe.Get("spark.master") is { } master) ParallelismOf(master);
        probe.GetBytes("spark.kindling.memoryLimit");
        lock (s_lock)
        {
            if (s_active is null) s_active = new SparkSession(options);
            else foreach (var (k, v) in options) s_active.Conf.Set(k, v);
            return s_active;
        }
    }

    /// <summary>The degree of parallelism from the master: local → 1, local[N] → N, local[*] → processor count.</summary>
    internal int DegreeOfParallelism => ParallelismOf(Conf.Get("spark.master", "local[*]"));

    private static int ParallelismOf(string master)
    {
        master = master.Trim();
        if (master == "local") return 1;
        if (master.StartsWith("local[", StringComparison.Ordinal) && master.EndsWith(']'))
        {
            var n = master[6..^1];
            if (n == "*") return Environment.ProcessorCount;
            if (int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out int dop) && dop > 0) return dop;
        }
        throw new ArgumentException($"master '{master}' is not supported; use local, local[N] or local[*]");
    }

    internal QueryContext NewQueryContext()
    {
        int batchSize = int.TryParse(Conf.Get("spark.kindling.batchSize"), out int b) && b > 0 ? b : ColumnBatch.DefaultRowCount;
        return new QueryContext(DegreeOfParallelism, Conf.GetBytes("spark.kindling.memoryLimit"), Conf.Get("spark.kindling.spillDir") ?? Conf.Get("spark.local.dir"))
        {
            BatchSize = batchSize,
        };
    }

    /// <summary>Returns a DataFrameReader that can be used to read non-streaming data in as a DataFrame.</summary>
    public DataFrameReader Read() => new(this);

    /// <summary>
    /// Executes a SQL query, returning the result as a DataFrame. Single-table SELECTs over temporary views
    /// (WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, DISTINCT) work now; joins, subqueries and DDL arrive with
    /// the Spark SQL issue and throw NotSupportedException.
    /// </summary>
    public DataFrame Sql(string sqlText)
    {
        var stmt = Plan.Parsing.SqlExpressionParser.ParseSelect(sqlText);
        var df = Table(stmt.Table);
        if (stmt.Where is not null) df = df.Filter(new Column(stmt.Where));
        if (stmt.GroupBy.Count > 0)
            df = new DataFrame(this, Plan.Analysis.Analyzer.BuildAggregate(df.Plan, stmt.GroupBy, stmt.Items, includeGroupings: false));
        else
            df = df.Select([.. stmt.Items.Select(i => new Column(i))]);
        if (stmt.Having is not null) df = df.Filter(new Column(stmt.Having));
        if (stmt.Distinct) df = df.Distinct();
        if (stmt.OrderBy.Count > 0) df = df.OrderBy([.. stmt.OrderBy.Select(o => new Column(o))]);
        if (stmt.Limit is int n) df = df.Limit(n);
        return df;
    }

    /// <summary>Returns the specified table/view as a DataFrame (temporary views created with CreateOrReplaceTempView).</summary>
    public DataFrame Table(string tableName)
    {
        lock (_tempViews)
        {
            if (_tempViews.TryGetValue(tableName, out var plan)) return new DataFrame(this, plan);
            throw new Plan.AnalysisException($"[TABLE_OR_VIEW_NOT_FOUND] The table or view `{tableName}` cannot be found. Known temporary views: [{string.Join(", ", _tempViews.Keys)}]");
        }
    }

    internal void RegisterTempView(string name, LogicalPlan plan)
    {
        lock (_tempViews) _tempViews[name] = plan;
    }

    /// <summary>Creates a DataFrame with a single column named id, containing elements in a range from 0 to end (exclusive) with step value 1.</summary>
    public DataFrame Range(long end) => Range(0, end, 1);

    /// <summary>Creates a DataFrame with a single column named id, containing elements in a range from start to end (exclusive) with step value 1.</summary>
    public DataFrame Range(long start, long end) => Range(start, end, 1);

    /// <summary>Creates a DataFrame with a single column named id, containing elements in a range from start to end (exclusive) with a step value.</summary>
    public DataFrame Range(long start, long end, long step)
    {
        if (step == 0) throw new ArgumentException("The step of a range must not be 0", nameof(step));
        return new DataFrame(this, new RangeRelation(start, end, step, AttributeRef.Create("id", ColumnType.Int64, false)));
    }

    /// <summary>Creates a DataFrame from rows and a schema.</summary>
    public DataFrame CreateDataFrame(IEnumerable<GenericRow> data, StructType schema)
    {
        var engineSchema = schema.ToSchema();
        var batches = RowConverter.ToBatches(data.Select(r => (object?[])r.Values), engineSchema);
        var output = engineSchema.Fields.Select(f => AttributeRef.Create(f.Name, f.Type, f.Nullable)).ToList();
        return new DataFrame(this, new LocalRelation(output, batches));
    }

    /// <summary>Stops the underlying SparkContext: the session stops being the active one.</summary>
    public void Stop()
    {
        lock (s_lock)
        {
            if (ReferenceEquals(s_active, this)) s_active = null;
        }
    }

    /// <summary>Stops the session.</summary>
    public void Dispose() => Stop();
}
