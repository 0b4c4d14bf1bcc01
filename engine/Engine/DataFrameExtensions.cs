using Kindling.Sql;

namespace Kindling.Engine;

/// <summary>Engine-specific members on DataFrame that Microsoft.Spark does not have (kept out of Kindling.Sql).</summary>
public static class DataFrameExtensions
{
    /// <summary>Prints the analyzed logical, optimized logical and physical plans to the console.</summary>
    public static void Explain(this DataFrame df) => Console.WriteLine(df.ExplainString());

    /// <summary>The analyzed logical, optimized logical and physical plans as text.</summary>
    public static string ExplainString(this DataFrame df) => df.NewExecution().Explain();

    /// <summary>Prints the schema in Spark's tree format: <c>root\n |-- a: long (nullable = true)</c>.</summary>
    public static void PrintSchema(this DataFrame df) => Console.Write(df.Schema().TreeString());

    /// <summary>The schema in Spark's tree format.</summary>
    public static string SchemaTreeString(this DataFrame df) => df.Schema().TreeString();

    /// <summary>The text Show() prints (without the trailing newline Console.WriteLine adds).</summary>
    public static string ShowString(this DataFrame df, int numRows = 20, int truncate = 20, bool vertical = false) =>
        df.ShowString(numRows, truncate, vertical);
}
