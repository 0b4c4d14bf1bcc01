namespace Kindling.DataGen.Writers;

/// <summary>What one feed file holds, as the manifest reports it.</summary>
internal sealed class FileCounts
{
    public long Rows { get; set; }
    public long Duplicate { get; set; }
    public long Stale { get; set; }
    public long Late { get; set; }
    public long Malformed { get; set; }
}
