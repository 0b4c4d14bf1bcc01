using Kindling.Formats.Parquet.Thrift;

namespace Kindling.Formats.Parquet.Metadata;

/// <summary>
/// Column chunk or page statistics. <see cref="MinValue"/>/<see cref="MaxValue"/> follow the column's
/// sort order; the deprecated min/max fields are read only when the new ones are absent.
/// </summary>
internal sealed class Statistics
{
    public byte[]? MinValue { get; set; }
    public byte[]? MaxValue { get; set; }
    public long? NullCount { get; set; }
    public byte[]? LegacyMin { get; set; }
    public byte[]? LegacyMax { get; set; }

    public static Statistics Read(ref ThriftCompactReader r)
    {
        var s = new Statistics();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out short id, out var type))
        {
            switch (id)
            {
                case 1: s.LegacyMax = r.ReadBinary().ToArray(); break;
                case 2: s.LegacyMin = r.ReadBinary().ToArray(); break;
                case 3: s.NullCount = r.ReadI64(); break;
                case 5: s.MaxValue = r.ReadBinary().ToArray(); break;
                case 6: s.MinValue = r.ReadBinary().ToArray(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return s;
    }

    /// <param name="writeLegacy">Also writes the deprecated min/max, which older readers use (only valid for signed sort orders).</param>
    public void Write(ThriftCompactWriter w, short fieldId, bool writeLegacy)
    {
        w.StructField(fieldId);
        if (writeLegacy && MaxValue is not null) w.Binary(1, MaxValue);
        if (writeLegacy && MinValue is not null) w.Binary(2, MinValue);
        if (NullCount is not null) w.I64(3, NullCount.Value);
        if (MaxValue is not null) w.Binary(5, MaxValue);
        if (MinValue is not null) w.Binary(6, MinValue);
        w.EndStruct();
    }
}
