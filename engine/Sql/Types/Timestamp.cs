using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>A timestamp value (the value of a TimestampType column), microsecond precision, UTC.</summary>
public class Timestamp
{
    internal Timestamp(long epochMicros) => EpochMicros = epochMicros;

    /// <summary>Creates a timestamp from <paramref name="dateTime"/> (local times are converted to UTC; unspecified is taken as UTC).</summary>
    public Timestamp(DateTime dateTime)
        : this(TemporalConstants.ToEpochMicros(dateTime.Kind == DateTimeKind.Local ? dateTime.ToUniversalTime() : dateTime))
    {
    }

    internal long EpochMicros { get; }

    /// <summary>Converts to a UTC DateTime.</summary>
    public DateTime ToDateTime() => DateTime.SpecifyKind(TemporalConstants.FromEpochMicros(EpochMicros), DateTimeKind.Utc);

    /// <inheritdoc/>
    public override string ToString() => Kernels.Temporal.TemporalFormat.FormatTimestamp(EpochMicros);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Timestamp t && t.EpochMicros == EpochMicros;

    /// <inheritdoc/>
    public override int GetHashCode() => EpochMicros.GetHashCode();
}
