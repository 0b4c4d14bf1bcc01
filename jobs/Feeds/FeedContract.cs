namespace Kindling.Jobs.Feeds;

/// <summary>The raw feed files of a day and their headers (DATA-CONTRACT sections 1 and 2).</summary>
internal static class FeedContract
{
    public static readonly IReadOnlyList<(string File, string? Header)> DailyFiles =
    [
        ("companies.csv", "company_id,company_name,country,industry,updated_at,op"),
        ("customers.csv", "customer_id,full_name,dob,user_name,email,city,country,company_id,updated_at,op"),
        ("orders.csv", "order_id,prod_id,customer_id,company_id,quantity,prod_quote_price,created_at"),
        ("leads.csv", "crm_lead_id,prod_id,customer_id,company_id,quantity,prod_quote_price,quote_value,is_lead_sale,order_id,created_at"),
        ("weblogs.log", null),
    ];

    public static readonly IReadOnlyList<(string File, string Header)> InitFiles =
    [
        ("companies.csv", "company_id,company_name,country,industry,updated_at"),
        ("customers.csv", "customer_id,full_name,dob,user_name,email,city,country,company_id,updated_at"),
        ("products.csv", "prod_id,prod_name,category,prod_unit_price,prod_currency_code,supplier_id"),
        ("orders.csv", "order_id,prod_id,customer_id,company_id,quantity,prod_quote_price,created_at"),
        ("geo_ip_blocks.csv", "network_start,network_end,country"),
    ];
}
