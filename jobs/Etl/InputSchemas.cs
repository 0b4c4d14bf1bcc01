namespace Kindling.Jobs.Etl;

/// <summary>DDL schemas of the input CSV files (DATA-CONTRACT section 2).</summary>
internal static class InputSchemas
{
    public const string Companies = "company_id bigint, company_name string, country string, industry string, updated_at timestamp";

    public const string Customers =
        "customer_id bigint, full_name string, dob date, user_name string, email string, city string, country string, company_id bigint, updated_at timestamp";

    public const string Products =
        "prod_id bigint, prod_name string, category string, prod_unit_price decimal(15,4), prod_currency_code string, supplier_id bigint";

    public const string Orders =
        "order_id bigint, prod_id bigint, customer_id bigint, company_id bigint, quantity int, prod_quote_price decimal(15,4), created_at timestamp";

    public const string Leads =
        "crm_lead_id bigint, prod_id bigint, customer_id bigint, company_id bigint, quantity int, prod_quote_price decimal(15,4), quote_value decimal(15,4), is_lead_sale boolean, order_id bigint, created_at timestamp";

    public const string GeoIpBlocks = "network_start string, network_end string, country string";

    /// <summary>The change-data-capture feeds add an <c>op</c> column (I, U, D).</summary>
    public static string WithOp(string ddl) => ddl + ", op string";

    /// <summary>The column names of a DDL schema, in order: the header the file must have.</summary>
    public static string[] ColumnNames(string ddl) =>
        [.. System.Text.RegularExpressions.Regex.Split(ddl, @",(?![^()]*\))").Select(f => f.Trim().Split(' ')[0])]; // commas outside decimal(p,s)
}
