namespace Kindling.Vectors;

/// <summary>Conversions between the engine's date/timestamp encodings and .NET's.</summary>
internal static class TemporalConstants
{
    /// <summary><see cref="DateOnly.DayNumber"/> of 1970-01-01.</summary>
    public static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public const long TicksPerMicrosecond = 10;

    public const long MicrosPerSecond = 1_000_000;

    public const long MicrosPerDay = 86_400L * MicrosPerSecond;

    public static int ToEpochDays(DateOnly date) => date.DayNumber - EpochDayNumber;

    public static DateOnly FromEpochDays(int days) => DateOnly.FromDayNumber(EpochDayNumber + days);

    public static long ToEpochMicros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;

    public static DateTime FromEpochMicros(long micros) => DateTime.UnixEpoch.AddTicks(micros * TicksPerMicrosecond);
}
