using Kindling.Vectors;

namespace Kindling.Kernels.Sorting;

/// <summary>Compares rows of one batch by several keys in order; a stable sort breaks ties by row index.</summary>
internal sealed class RowComparer
{
    private readonly ColumnComparer[] _keys;

    public RowComparer(ColumnBatch batch, IReadOnlyList<(int Column, bool Ascending, bool NullsFirst)> keys)
    {
        _keys = new ColumnComparer[keys.Count];
        for (int k = 0; k < keys.Count; k++) _keys[k] = ColumnComparer.Create(batch[keys[k].Column], keys[k].Ascending, keys[k].NullsFirst);
    }

    public int Compare(int i, int j)
    {
        foreach (var key in _keys)
        {
            int c = key.Compare(i, j);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>The stable sorted order of rows [0, rows).</summary>
    public int[] SortedPermutation(int rows)
    {
        var perm = new int[rows];
        for (int i = 0; i < rows; i++) perm[i] = i;
        if (_keys.Length == 0) return perm;
        Array.Sort(perm, (a, b) =>
        {
            int c = Compare(a, b);
            return c != 0 ? c : a.CompareTo(b);
        });
        return perm;
    }
}
