
namespace Kindling.Jobs.Reports;

/// <summary>device_usage and country_views over the weblogs of the run date (DATA-CONTRACT section 5).</summary>
internal static class WebReports
{
    public static DataFrame DeviceUsage(ReportInputs inputs) =>
        inputs.WeblogsOfDay
            .GroupBy("device")
            .Agg(Count(Lit(1)).As("hits"), CountDistinct(Col("user_name")).As("users"))
            .OrderBy(Col("hits").Desc(), Col("device").Asc());

    public static DataFrame CountryViews(ReportInputs inputs)
    {
        DataFrame views = inputs.WeblogsOfDay.Filter(Col("prod_id").IsNotNull() & Col("country").IsNotNull()).Cache();
        DataFrame topProduct = views.GroupBy("country", "prod_id").Agg(Count(Lit(1)).As("product_views"))
            .WithColumn("_rank", RowNumber().Over(Window.PartitionBy("country").OrderBy(Col("product_views").Desc(), Col("prod_id").Asc())))
            .Filter(Col("_rank") == 1)
            .Select(Col("country"), Col("prod_id").As("top_prod_id"));
        return views.GroupBy("country")
            .Agg(Count(Lit(1)).As("views"), CountDistinct(Col("user_name")).As("users"))
            .Join(topProduct, "country")
            .OrderBy(Col("views").Desc(), Col("country").Asc());
    }
}
