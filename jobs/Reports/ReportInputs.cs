using Kindling.Jobs.Etl;

namespace Kindling.Jobs.Reports;

/// <summary>The warehouse tables as the reports of run date D see them, after D's run (DATA-CONTRACT section 5).</summary>
internal sealed class ReportInputs(RunContext run)
{
    private DataFrame Table(string name) => run.Spark.Read().Parquet(run.Layout.Table(name));

    private Column RunDate => Lit(run.Day).Cast("date");

    public DataFrame Orders => Table("orders").Filter(Col("dt") <= RunDate);

    public DataFrame Leads => Table("leads").Filter(Col("dt") <= RunDate);

    public DataFrame WeblogsOfDay => Table("weblogs").Filter(Col("dt") == RunDate);

    public DataFrame Products => Table("products").Filter(Col("dt") == RunDate);

    /// <summary>company_id and the name of its newest version (for a deleted company, its last one).</summary>
    public DataFrame CompanyNames => Table("companies").Filter((Col("dt") == RunDate) & Col("is_current"))
        .Select(Col("company_id"), Col("company_name"));

    /// <summary>Month to date: created_at on a day from the first of D's month to D.</summary>
    public Column InMonthToDate(Column createdAt) =>
        (ToDate(createdAt) >= Lit(run.MonthStart).Cast("date")) & (ToDate(createdAt) <= RunDate);

    /// <summary>Writes a report as one CSV file with a header under <c>final/report=NAME/dt=D/</c>; returns its rows.</summary>
    public long Write(string name, DataFrame report)
    {
        DataFrame rows = report.Cache();
        long count = rows.Count();
        rows.Coalesce(1).Write().Mode(SaveMode.Overwrite).Option("header", true).Option("escape", "\"").Csv(run.Layout.Report(name, run.RunDate));
        run.Log.WriteLine($"  report {name,-16} {count,6:N0} rows");
        return count;
    }
}
