namespace Kindling.DataGen.Model;

/// <summary>Everything the output is a pure function of, besides the date.</summary>
internal sealed record GeneratorOptions
{
    public string Root { get; init; } = "./data";
    public int Scale { get; init; } = 1;
    public long Seed { get; init; } = 42;
    public DateOnly StartDate { get; init; } = new(2024, 1, 1);
    public double MalformedRate { get; init; } = 0.001;
    public double DuplicateRate { get; init; } = 0.005;
    public double StaleRate { get; init; } = 0.001;
    public double LateRate { get; init; } = 0.01;

    // Scale 1 counts (DATA-CONTRACT section 3); every count is multiplied by Scale.
    public int Companies => 5_000 * Scale;
    public int Customers => 5_000 * Scale;
    public int Products => 5_000 * Scale;
    public int HistoricalOrders => 5_000 * Scale;
    public int OrdersPerDay => 2_000 * Scale;
    public int LeadsPerDay => 2_000 * Scale;
    public int WeblogLinesPerDay => 2_000 * Scale;
    /// <summary>About 1% of companies and of customers change per day.</summary>
    public int CompanyChangesPerDay => Math.Max(1, Companies / 100);
    public int CustomerChangesPerDay => Math.Max(1, Customers / 100);

    /// <summary>Day index of <paramref name="date"/> (0 = start date).</summary>
    public int DayIndex(DateOnly date) => date.DayNumber - StartDate.DayNumber;

    public DateTime DayStartUtc(int day) => StartDate.AddDays(day).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
