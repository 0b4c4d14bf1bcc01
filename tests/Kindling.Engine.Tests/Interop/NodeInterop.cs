using System.Diagnostics;
using System.Text.Json;

namespace Kindling.Engine.Tests.Interop;

/// <summary>
/// Runs the independent implementations in <c>tests/interop</c> (DuckDB, Polars, Apache Arrow) through
/// Node.js. Installs the npm packages from the committed lock file on first use, so a fresh clone
/// needs nothing but Node.
/// </summary>
internal static class NodeInterop
{
    private static readonly Lazy<string> Folder = new(Prepare);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Spark.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Spark.sln) above " + AppContext.BaseDirectory);
    }

    private static string Prepare()
    {
        string folder = Path.Combine(RepositoryRoot(), "tests", "interop");
        using var gate = new Mutex(false, "kindling-interop-npm-install");
        gate.WaitOne();
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "@duckdb")))
                Run("npm", ["install", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
        }
        finally
        {
            gate.ReleaseMutex();
        }
        return folder;
    }

    /// <summary>Runs SQL in DuckDB; returns the rows as strings (null for SQL NULL).</summary>
    public static List<string?[]> DuckDb(string sql)
    {
        using var json = JsonDocument.Parse(Run("node", ["duckdb-query.mjs", sql], Folder.Value, TimeSpan.FromMinutes(2)));
        var rows = new List<string?[]>();
        foreach (var row in json.RootElement.GetProperty("rows").EnumerateArray())
            rows.Add([.. row.EnumerateArray().Select(v => v.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => v.GetString(),
                _ => v.GetRawText(),
            })]);
        return rows;
    }

    /// <summary>Runs one of the harness's scripts and returns its standard output.</summary>
    public static string Script(string script, params string[] args) => Run("node", [script, .. args], Folder.Value, TimeSpan.FromMinutes(2));

    /// <summary>A path as a SQL string literal.</summary>
    public static string Sql(string path) => "'" + path.Replace("'", "''") + "'";

    private static string Run(string program, string[] args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
