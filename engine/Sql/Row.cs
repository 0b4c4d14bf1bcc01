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

    private static T Convert<T>(object value) => (T)ConvertTo(value, typeof(T))!;

    private static object? ConvertTo(object? value, Type type)
    {
        if (value is null) return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        if (type.IsInstanceOfType(value)) return value;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is Date d && target == typeof(DateTime)) return d.ToDateTime();
        if (value is Timestamp ts && target == typeof(DateTime)) return ts.ToDateTime();
        // Arrays come as ArrayList; GetAs<string[]>() gives a typed array, as Microsoft.Spark's TypeConverter does.
        if (value is System.Collections.ArrayList list && target.IsArray)
        {
            var elementType = target.GetElementType()!;
            var array = Array.CreateInstance(elementType, list.Count);
            for (int i = 0; i < list.Count; i++) array.SetValue(ConvertTo(list[i], elementType), i);
            return array;
        }
        if (value is IConvertible) return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        throw new InvalidCastException($"cannot convert {value.GetType().Name} value {value} to {type.Name}");
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
        System.Collections.IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]", // Spark's array text
        _ => v.ToString() ?? "",
    };

    /// <inheritdoc/>
    public override bool Equals(object? obj) =>
        obj is Row other && other.Values.Length == Values.Length && Values.Zip(other.Values).All(p => ValueEquals(p.First, p.Second));

    /// <summary>Arrays (ArrayList) compare element by element; other values by Equals.</summary>
    private static bool ValueEquals(object? a, object? b) =>
        a is System.Collections.ArrayList x && b is System.Collections.ArrayList y
            ? x.Count == y.Count && Enumerable.Range(0, x.Count).All(i => ValueEquals(x[i], y[i]))
            : Equals(a, b);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var v in Values) h.Add(v is System.Collections.ArrayList list ? list.Count : v); // consistent with ValueEquals
        return h.ToHashCode();
    }
}
