namespace Kindling.Sql;

/// <summary>A row without a schema, used to create DataFrames (SparkSession.CreateDataFrame).</summary>
public sealed class GenericRow
{
    /// <summary>Creates a row from its values.</summary>
    public GenericRow(object?[] values) => Values = values;

    internal object?[] Values { get; }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(",", Values.Select(Row.Format)) + "]";
}
