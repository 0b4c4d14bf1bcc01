namespace Kindling.Kernels.Sorting;

/// <summary>Sorts chunks of an array on several threads, then merges the sorted chunks pairwise.</summary>
internal static class ParallelMergeSort
{
    public static void Sort<T>(T[] items, IComparer<T> comparer, int degreeOfParallelism)
    {
        int n = items.Length;
        int chunks = Math.Max(1, Math.Min(degreeOfParallelism, n / 16384));
        if (chunks == 1)
        {
            items.AsSpan().Sort(comparer);
            return;
        }
        var bounds = new int[chunks + 1];
        for (int c = 0; c <= chunks; c++) bounds[c] = (int)((long)n * c / chunks);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
            items.AsSpan(bounds[c], bounds[c + 1] - bounds[c]).Sort(comparer));
        var buffer = new T[n];
        var runs = bounds.ToList();
        T[] source = items, target = buffer;
        while (runs.Count > 2)
        {
            var next = new List<int> { 0 };
            for (int r = 0; r + 1 < runs.Count; r += 2)
            {
                int lo = runs[r], mid = runs[r + 1], hi = r + 2 < runs.Count ? runs[r + 2] : mid;
                Merge(source, lo, mid, hi, target, comparer);
                next.Add(hi);
            }
            runs = next;
            (source, target) = (target, source);
        }
        if (!ReferenceEquals(source, items)) source.AsSpan().CopyTo(items);
    }

    private static void Merge<T>(T[] source, int lo, int mid, int hi, T[] target, IComparer<T> comparer)
    {
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) target[k++] = comparer.Compare(source[j], source[i]) < 0 ? source[j++] : source[i++];
        while (i < mid) target[k++] = source[i++];
        while (j < hi) target[k++] = source[j++];
    }
}
