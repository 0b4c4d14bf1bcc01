
namespace Kindling.Jobs.Etl;

/// <summary>The business rules of the fact feeds and the orders table's rows (DATA-CONTRACT sections 2 and 4).</summary>
internal static class SalesTables
{
    public static Column OrderRuleViolation() =>
        When(Col("quantity") < 1, "quantity < 1")
            .When(Col("prod_quote_price") < 0, "negative price");

    public static Column LeadRuleViolation() =>
        When(Col("quantity") < 1, "quantity < 1")
            .When(Col("prod_quote_price") < 0, "negative price")
            .When(Col("quote_value") < 0, "negative price")
            .When(Col("is_lead_sale") & Col("order_id").IsNull(), "converted lead without an order_id");

    public static Column ProductRuleViolation() =>
        When(Col("prod_unit_price") < 0, "negative price")
            .When(Col("prod_currency_code") != "USD", "currency other than USD");

    /// <summary>Direct orders plus the orders of converted leads, with <c>source</c> and <c>crm_lead_id</c>.</summary>
    public static DataFrame OrderRows(DataFrame directOrders, DataFrame leads) =>
        directOrders
            .Select(Col("order_id"), Col("prod_id"), Col("customer_id"), Col("company_id"), Col("quantity"),
                Col("prod_quote_price"), Col("created_at"), Lit("direct").As("source"), Lit(null).Cast("bigint").As("crm_lead_id"))
            .Union(leads
                .Filter(Col("is_lead_sale"))
                .Select(Col("order_id"), Col("prod_id"), Col("customer_id"), Col("company_id"), Col("quantity"),
                    Col("prod_quote_price"), Col("created_at"), Lit("lead").As("source"), Col("crm_lead_id")));
}
