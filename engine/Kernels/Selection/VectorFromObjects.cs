using Kindling.Vectors;

namespace Kindling.Kernels.Selection;

/// <summary>
/// Builds a vector from CLR values (null = null): bool, numbers, decimal, string, byte[], DateOnly,
/// DateTime (UTC); for arrays, lists of those (object?[], ArrayList, any non-string IEnumerable). For literals such as window default values and for tests; not for hot paths.
/// </summary>
internal static class VectorFromObjects
{
    public static ColumnVector Build(ColumnType type, IReadOnlyList<object?> values)
    {
        int n = values.Count;
        if (type.Kind == TypeKind.Array) return BuildLists(type, values);
        if (type.IsVariableWidth)
        {
            var b = new StringVectorBuilder(type, n);
            foreach (var v in values)
            {
                if (v is null) b.AppendNull();
                else if (v is byte[] bytes) b.Append(bytes);
                else b.Append(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!);
            }
            return b.Build();
        }
        return type.Kind switch
        {
            TypeKind.Boolean or TypeKind.Null => Make<byte>(type, values, v => Convert.ToBoolean(v) ? (byte)1 : (byte)0),
            TypeKind.Int32 => Make(type, values, v => Convert.ToInt32(v)),
            TypeKind.Date => Make(type, values, v => v is DateOnly d ? TemporalConstants.ToEpochDays(d) : Convert.ToInt32(v)),
            TypeKind.Int64 => Make(type, values, v => Convert.ToInt64(v)),
            TypeKind.Timestamp => Make(type, values, v => v is DateTime t ? TemporalConstants.ToEpochMicros(t) : Convert.ToInt64(v)),
            TypeKind.Float32 => Make(type, values, v => Convert.ToSingle(v)),
            TypeKind.Float64 => Make(type, values, v => Convert.ToDouble(v)),
            TypeKind.Decimal when type.IsWideDecimal => Make(type, values, v => DecimalValue.ToUnscaledInt128(Convert.ToDecimal(v), type.Scale)),
            TypeKind.Decimal => Make(type, values, v => DecimalValue.ToUnscaledInt64(Convert.ToDecimal(v), type.Scale)),
            _ => throw new NotSupportedException($"cannot build a {type} vector from objects"),
        };
    }

    private static ListVector BuildLists(ColumnType type, IReadOnlyList<object?> values)
    {
        var lists = new ListVectorBuilder(type, values.Count);
        var elements = new List<object?>();
        foreach (var v in values)
        {
            if (v is null) { lists.AppendNull(); continue; }
            if (v is string or not System.Collections.IEnumerable)
                throw new ArgumentException($"a value of {type} must be a list of values, not {v.GetType().Name} {v}");
            foreach (var element in (System.Collections.IEnumerable)v) elements.Add(element);
            lists.EndList(elements.Count);
        }
        return lists.Build(Build(type.Element!, elements));
    }

    private static PrimitiveVector<T> Make<T>(ColumnType type, IReadOnlyList<object?> values, Func<object, T> convert) where T : unmanaged
    {
        int n = values.Count;
        var data = new T[n];
        byte[]? bits = null;
        int nulls = 0;
        for (int i = 0; i < n; i++)
        {
            if (values[i] is { } v && type.Kind != TypeKind.Null) { data[i] = convert(v); continue; }
            bits ??= Validity.AllValid(n);
            Validity.SetNull(bits, i);
            nulls++;
        }
        return new PrimitiveVector<T>(type, data, n, bits, nulls);
    }
}
