using Kindling.Kernels.Comparison;
using Kindling.Kernels.Selection;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Kernels.Arrays;

/// <summary>
/// Functions of array columns (non-ANSI Spark): size, element_at, the subscript and array_contains. Element
/// lookups gather child rows by index, so they work for any element type.
/// </summary>
internal static class ArrayKernels
{
    /// <summary>size(arr): the element count; -1 for a null array (Spark's default spark.sql.legacy.sizeOfNull=true).</summary>
    public static PrimitiveVector<int> Size(ListVector arrays)
    {
        int n = arrays.Length;
        var sizes = new int[n];
        ReadOnlySpan<int> offsets = arrays.Offsets;
        for (int i = 0; i < n; i++) sizes[i] = offsets[i + 1] - offsets[i];
        if (arrays.HasNulls)
            for (int i = 0; i < n; i++)
                if (arrays.IsNull(i)) sizes[i] = -1;
        return new PrimitiveVector<int>(ColumnType.Int32, sizes, n);
    }

    /// <summary>
    /// element_at(arr, i) when <paramref name="oneBased"/> (1-based; negative counts from the end; 0 is an error)
    /// or arr[i] otherwise (0-based; negative is null). Out of range, null arrays and null indices give null.
    /// </summary>
    public static ColumnVector ElementAt(ListVector arrays, PrimitiveVector<int> index, bool oneBased)
    {
        int n = arrays.Length;
        var rows = new int[n];
        ReadOnlySpan<int> offsets = arrays.Offsets;
        ReadOnlySpan<int> positions = index.Values;
        for (int i = 0; i < n; i++)
        {
            rows[i] = -1;
            if (arrays.IsNull(i) || index.IsNull(i)) continue;
            int start = offsets[i], count = offsets[i + 1] - start, at = positions[i];
            if (oneBased)
            {
                if (at == 0) ArrayThrow.IndexZero();
                at = at > 0 ? at - 1 : count + at;
            }
            if (at >= 0 && at < count) rows[i] = start + at;
        }
        return VectorTake.Take(arrays.Elements, rows);
    }

    /// <summary>
    /// array_contains(arr, value): true when an element equals the value; otherwise null when the array holds a
    /// null element, else false. A null array or value gives null. Elements are compared in one kernel call.
    /// </summary>
    public static PrimitiveVector<byte> Contains(ListVector arrays, ColumnVector values)
    {
        var matches = ComparisonKernels.Compare(ComparisonOp.Equal, arrays.Elements, VectorTake.Take(values, ParentRows(arrays)));
        return AnyPerRow(arrays, matches, values);
    }

    /// <summary>array_contains with a constant value: no value vector is materialized.</summary>
    public static PrimitiveVector<byte> Contains(ListVector arrays, object value) =>
        AnyPerRow(arrays, ComparisonKernels.CompareScalar(ComparisonOp.Equal, arrays.Elements, value), null);

    /// <summary>For each element of the child, the row of the array that holds it (-1 for elements of no row).</summary>
    private static int[] ParentRows(ListVector arrays)
    {
        ReadOnlySpan<int> offsets = arrays.Offsets;
        var parents = new int[arrays.Elements.Length];
        parents.AsSpan().Fill(-1);
        for (int row = 0; row < arrays.Length; row++)
            parents.AsSpan(offsets[row], offsets[row + 1] - offsets[row]).Fill(row);
        return parents;
    }

    private static PrimitiveVector<byte> AnyPerRow(ListVector arrays, PrimitiveVector<byte> matches, ColumnVector? values)
    {
        int n = arrays.Length;
        var result = new byte[n];
        byte[]? validity = null;
        ReadOnlySpan<int> offsets = arrays.Offsets;
        ReadOnlySpan<byte> hit = matches.Values;
        for (int row = 0; row < n; row++)
        {
            bool unknown = arrays.IsNull(row) || (values?.IsNull(row) ?? false);
            if (!unknown)
            {
                bool sawNull = false;
                for (int e = offsets[row]; e < offsets[row + 1]; e++)
                {
                    if (matches.IsNull(e)) sawNull = true;
                    else if (hit[e] != 0) { result[row] = 1; break; }
                }
                unknown = result[row] == 0 && sawNull;
            }
            if (!unknown) continue;
            validity ??= Validity.AllValid(n);
            Validity.SetNull(validity, row);
        }
        return new PrimitiveVector<byte>(ColumnType.Boolean, result, n, validity);
    }
}
