using System.Diagnostics;
using Kindling.Jobs.Reports;

namespace Kindling.Jobs.Etl;

/// <summary>
/// The daily run for date D, written only against the Spark-compatible API: reads and checks every input
/// first (a failing input writes nothing to <c>final/</c>), then updates the warehouse tables (products,
/// companies, customers, orders, leads, weblogs) and writes the five reports of DATA-CONTRACT section 5.
/// Every write is atomic and replaces what a previous run of the same day wrote, so a rerun is idempotent.
/// </summary>
internal static class DailyEtlJob
{
    private static readonly string[] CompanyColumns = InputSchemas.ColumnNames(InputSchemas.Companies);
    private static readonly string[] CustomerColumns = InputSchemas.ColumnNames(InputSchemas.Customers);

    public static void Run(SparkSession spark, WarehouseLayout layout, DateOnly runDate, double rejectThreshold, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var run = new RunContext(spark, layout, runDate, rejectThreshold, log);
        log.WriteLine($"reading and checking the input of {run.Day}:");
        var products = Csv(run, layout.InitFile("products.csv"), "init/products.csv", InputSchemas.Products, ["category"], SalesTables.ProductRuleViolation());
        // A dimension starts from its newest snapshot before the run date; the initial load only until one exists.
        DataFrame companyVersions = DimensionHistory.PreviousSnapshot(run, "companies", CompanyColumns)
            ?? DimensionHistory.FromInitialLoad(CompanyColumns, Csv(run, layout.InitFile("companies.csv"), "init/companies.csv", InputSchemas.Companies, ["industry"], null));
        DataFrame customerVersions = DimensionHistory.PreviousSnapshot(run, "customers", CustomerColumns)
            ?? DimensionHistory.FromInitialLoad(CustomerColumns, Csv(run, layout.InitFile("customers.csv"), "init/customers.csv", InputSchemas.Customers, ["dob", "city"], null));
        var geo = Csv(run, layout.InitFile("geo_ip_blocks.csv"), "init/geo_ip_blocks.csv", InputSchemas.GeoIpBlocks, [], null);
        var companies = Csv(run, layout.RawFile(runDate, "companies.csv"), "companies.csv", InputSchemas.WithOp(InputSchemas.Companies), ["industry"], UnknownOp());
        var customers = Csv(run, layout.RawFile(runDate, "customers.csv"), "customers.csv", InputSchemas.WithOp(InputSchemas.Customers), ["dob", "city"], UnknownOp());
        var orders = Csv(run, layout.RawFile(runDate, "orders.csv"), "orders.csv", InputSchemas.Orders, [], SalesTables.OrderRuleViolation());
        var leads = Csv(run, layout.RawFile(runDate, "leads.csv"), "leads.csv", InputSchemas.Leads, ["order_id"], SalesTables.LeadRuleViolation());
        DataFrame directOrders = orders;
        if (!layout.TableExists("orders"))
            directOrders = Csv(run, layout.InitFile("orders.csv"), "init/orders.csv", InputSchemas.Orders, [], SalesTables.OrderRuleViolation()).UnionByName(orders);
        DataFrame weblogs = WeblogTable.Parse(run, layout.RawFile(runDate, "weblogs.log"), "weblogs.log", geo);

        log.WriteLine($"  ({clock.Elapsed.TotalSeconds:F1} s)");
        log.WriteLine("updating the warehouse tables:");
        long productRows = products.Count();
        products.Drop(InputFile.LineColumn).WithColumn("dt", Lit(run.Day).Cast("date"))
            .Write().Mode(SaveMode.Overwrite).Option("partitionOverwriteMode", "dynamic").PartitionBy("dt").Parquet(layout.Table("products"));
        log.WriteLine($"  table products  {productRows,9:N0} rows in dt={run.Day}");
        var (companyRows, liveCompanies) = DimensionHistory.Update(run, "companies", CompanyColumns, companyVersions, companies);
        log.WriteLine($"  table companies {companyRows,9:N0} versions, {liveCompanies:N0} current");
        var (customerRows, liveCustomers) = DimensionHistory.Update(run, "customers", CustomerColumns, customerVersions, customers);
        log.WriteLine($"  table customers {customerRows,9:N0} versions, {liveCustomers:N0} current");
        long orderRows = FactTableUpsert.Run(run, "orders",
            SalesTables.OrderRows(directOrders, leads).WithColumn("dt", ToDate(Col("created_at"))), "order_id");
        log.WriteLine($"  table orders    {orderRows,9:N0} rows in the partitions this day touched");
        long leadRows = FactTableUpsert.Run(run, "leads", leads.Drop(InputFile.LineColumn).WithColumn("dt", ToDate(Col("created_at"))), "crm_lead_id");
        log.WriteLine($"  table leads     {leadRows,9:N0} rows in the partitions this day touched");
        long weblogRows = FactTableUpsert.Run(run, "weblogs", weblogs, "feed_dt", "feed_line");
        log.WriteLine($"  table weblogs   {weblogRows,9:N0} rows in the partitions this day touched");

        log.WriteLine($"  ({clock.Elapsed.TotalSeconds:F1} s)");
        log.WriteLine("writing the reports:");
        var inputs = new ReportInputs(run);
        inputs.Write("monthly_sales", SalesReports.MonthlySales(inputs));
        inputs.Write("top_products", SalesReports.TopProducts(inputs));
        inputs.Write("device_usage", WebReports.DeviceUsage(inputs));
        inputs.Write("lead_funnel", SalesReports.LeadFunnel(inputs));
        inputs.Write("country_views", WebReports.CountryViews(inputs));
        log.WriteLine($"etl {run.Day}: done in {clock.Elapsed.TotalSeconds:F1} s; tables and reports under {Path.Combine(layout.Root, "final")}");
    }

    private static DataFrame Csv(RunContext run, string path, string source, string ddl, string[] nullable, Column? rules) =>
        InputFile.Read(run, path, source, ddl, nullable, rules).Valid;

    private static Column UnknownOp() => When(!Col("op").IsIn("I", "U", "D"), "unknown op (not I, U or D)");
}
