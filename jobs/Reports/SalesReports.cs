
namespace Kindling.Jobs.Reports;

/// <summary>
/// monthly_sales, top_products and lead_funnel (DATA-CONTRACT section 5). Money is summed exactly on
/// decimals and rounded once at the end, half away from zero, to 2 decimals; ties break on the exact
/// value, then on the smaller id.
/// </summary>
internal static class SalesReports
{
    /// <summary>Order lines with revenue and cost (quantity times the quoted and the unit price).</summary>
    private static DataFrame Lines(ReportInputs inputs) =>
        inputs.Orders
            .Join(inputs.Products.Select(Col("prod_id"), Col("prod_unit_price")), "prod_id")
            .WithColumn("revenue_line", Col("quantity") * Col("prod_quote_price"))
            .WithColumn("cost_line", Col("quantity") * Col("prod_unit_price"));

    public static DataFrame MonthlySales(ReportInputs inputs) =>
        Lines(inputs)
            .GroupBy(Year(Col("created_at")).As("sale_year"), Month(Col("created_at")).As("sale_month"))
            .Agg(Count(Col("order_id")).As("orders"), Sum(Col("quantity")).As("units"),
                Sum(Col("revenue_line")).As("revenue"), Sum(Col("cost_line")).As("cost"))
            .Select(Col("sale_year"), Col("sale_month"), Col("orders"), Col("units"),
                Money(Col("revenue")).As("revenue"), Money(Col("cost")).As("cost"), Money(Col("revenue") - Col("cost")).As("profit"))
            .OrderBy("sale_year", "sale_month");

    public static DataFrame TopProducts(ReportInputs inputs)
    {
        DataFrame sales = inputs.Orders.Filter(inputs.InMonthToDate(Col("created_at")))
            .GroupBy("prod_id")
            .Agg(Sum(Col("quantity")).As("units"), Sum(Col("quantity") * Col("prod_quote_price")).As("revenue"));
        DataFrame products = inputs.Products.Select(Col("prod_id"), Col("prod_name"), Col("supplier_id"))
            .Join(inputs.CompanyNames.Select(Col("company_id").As("supplier_id"), Col("company_name").As("supplier_name")), ["supplier_id"], "left");
        return sales.Join(products, ["prod_id"], "left")
            .WithColumn("rank", RowNumber().Over(Window.OrderBy(Col("revenue").Desc(), Col("prod_id").Asc())))
            .Filter(Col("rank") <= 10)
            .Select(Col("rank"), Col("prod_id"), Col("prod_name"), Col("supplier_name"), Col("units"), Money(Col("revenue")).As("revenue"))
            .OrderBy("rank");
    }

    public static DataFrame LeadFunnel(ReportInputs inputs) =>
        inputs.Leads.Filter(inputs.InMonthToDate(Col("created_at")))
            .GroupBy("company_id")
            .Agg(Count(Col("crm_lead_id")).As("leads"), Sum(When(Col("is_lead_sale"), 1).Otherwise(0)).As("converted"))
            .Join(inputs.CompanyNames, ["company_id"], "left")
            .Select(Col("company_id"), Col("company_name"), Col("leads"), Col("converted"),
                Round(Col("converted").Cast("decimal(20,0)") / Col("leads").Cast("decimal(20,0)"), 4).Cast("decimal(5,4)").As("conversion_rate"))
            .OrderBy(Col("leads").Desc(), Col("company_id").Asc());

    /// <summary>Rounded once, half away from zero, to exactly 2 decimals.</summary>
    private static Column Money(Column exact) => Round(exact, 2);
}
