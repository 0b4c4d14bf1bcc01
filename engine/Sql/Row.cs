using System.Globalization;
using Kindling.Sql.Types;

namespace Kindling.Sql;

/// <summary>Represents a row object in RDD, equivalent to GenericRowWithSchema in Spark.</summary>
public sealed class Row
{
    internal Row(object[] values, StructType schema)
    {
        if (values.Length != schema.Fields.Count)
            throw new ArgumentException($"row has {values.Length} values but the schema has {schema.Fields.Count} fields");
        Values = values;
        Schema = schema;
    }

    /// <summary>Values representing this row.</summary>
    public object[] Values { get; }

    /// <summary>Schema associated with this row.</summary>
    public StructType Schema { get; }

    /// <summary>Returns the number of columns in this row.</summary>
    public int Size() => Values.Length;

    /// <summary>Returns the column value at the given index.</summary>
    public object this[int index] => Get(index);

    /// <summary>Returns the column value at the given index.</summary>
    public object Get(int i)
    {
        if (i < 0 || i >= Values.Length)
            throw new ArgumentOutOfRangeException(nameof(i), i, $"the row has {Values.Length} columns");
        return Values[i];
    }

    /// <summary>Returns the column value whose column name is given (case-insensitive).</summary>
    public object Get(string columnName) => Get(IndexOf(columnName));

    /// <summary>Returns the column value at the given index, as a type T.</summary>
    public T GetAs<T>(int index) => Convert<T>(Get(index));

    /// <summary>Returns the column value whose column name is given, as a type T.</summary>
    public T GetAs<T>(string field) => Convert<T>(Get(field));

    private int IndexOf(string name)
    {
        int i = Schema.Fields.FindIndex(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        if (i < 0) i = Schema.Fields.FindIndex(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (i < 0)
            throw new ArgumentException($"Column '{name}' does not exist. Available columns: {string.Join(", ", Schema.Fields.Select(f => f.Name))}");
        return i;
    }

    private static T Convert<T>(object value)
    {
        if (value is null) return default!;
        if (value is T t) return t;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is Date d && target == typeof(DateTime)) return (T)(object)d.ToDateTime();
        if (value is Timestamp ts && target == typeof(DateTime)) return (T)(object)ts.ToDateTime();
        if (value is IConvertible) return (T)System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        throw new InvalidCastException($"cannot convert {value.GetType().Name} value {value} to {typeof(T).Name}");
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(",", Values.Select(Format)) + "]";

    internal static string Format(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => Kernels.Cast.CastKernels.FormatDouble(d),
        float f => Kernels.Cast.CastKernels.FormatFloat(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        byte[] bytes => "[" + string.Join(" ", bytes.Select(x => x.ToString("X2", CultureInfo.InvariantCulture))) + "]",
        _ => v.ToString() ?? "",
    };

    /// <inheritdoc/>
    public override bool Equals(object? obj) =>
        obj is Row other && other.Values.Length == Values.Length && Values.Zip(other.Values).All(p => Equals(p.First, p.Second));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var v in Values) h.Add(v);
        return h.ToHashCode();
    }
}
