using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>A date value without a time zone (the value of a DateType column).</summary>
public class Date
{
    internal Date(int epochDays) => EpochDays = epochDays;

    /// <summary>Creates a date from the date part of <paramref name="dateTime"/>.</summary>
    public Date(DateTime dateTime) : this(TemporalConstants.ToEpochDays(DateOnly.FromDateTime(dateTime)))
    {
    }

    /// <summary>Creates a date from year, month and day.</summary>
    public Date(int year, int month, int day) : this(TemporalConstants.ToEpochDays(new DateOnly(year, month, day)))
    {
    }

    internal int EpochDays { get; }

    /// <summary>Converts to a DateTime (midnight, unspecified kind).</summary>
    public DateTime ToDateTime() => TemporalConstants.FromEpochDays(EpochDays).ToDateTime(TimeOnly.MinValue);

    /// <inheritdoc/>
    public override string ToString() => TemporalConstants.FromEpochDays(EpochDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Date d && d.EpochDays == EpochDays;

    /// <inheritdoc/>
    public override int GetHashCode() => EpochDays;
}
