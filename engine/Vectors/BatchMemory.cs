namespace Kindling.Vectors;

/// <summary>
/// Cheap estimates of the bytes a batch's buffers hold, for operators that keep their input in memory and
/// check it against <c>QueryContext.MemoryLimitBytes</c>. O(columns), not O(rows): a primitive column counts
/// its values, a string column its bytes and offsets, a dictionary column its codes (not its dictionary,
/// which batches of one column chunk share), an array column its offsets and elements, plus the validity bitmap when there is one.
/// </summary>
internal static class BatchMemory
{
    public static long EstimateBytes(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long total = 0;
        foreach (var v in batch.Columns) total += EstimateBytes(v);
        return total;
    }

    public static long EstimateBytes(ColumnVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        long values = vector switch
        {
            StringVector s => s.Offsets[s.Length] + 4L * (s.Length + 1),
            DictionaryVector d => 4L * d.Length,
            ListVector l => 4L * (l.Length + 1) + EstimateBytes(l.Elements),
            _ => Math.Max(1, vector.Type.FixedWidth) * (long)vector.Length,
        };
        return values + (vector.ValidityBits?.Length ?? 0);
    }

    /// <summary>A byte count in MiB for messages (one decimal, invariant culture).</summary>
    public static string FormatMiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MiB";
}
