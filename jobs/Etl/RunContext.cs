
namespace Kindling.Jobs.Etl;

/// <summary>What every stage of one run needs: the session, the folders, the run date and the log.</summary>
internal sealed record RunContext(SparkSession Spark, WarehouseLayout Layout, DateOnly RunDate, double RejectThreshold, TextWriter Log)
{
    public string Day => WarehouseLayout.Format(RunDate);

    /// <summary>The first day of the run date's month, for the month-to-date reports.</summary>
    public string MonthStart => WarehouseLayout.Format(new DateOnly(RunDate.Year, RunDate.Month, 1));
}
