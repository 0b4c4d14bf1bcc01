using Kindling.DataGen.Model;
using Kindling.DataGen.Writers;

namespace Kindling.DataGen.Generators;

/// <summary>The CSV header and record layout of each file (DATA-CONTRACT section 2).</summary>
internal static class RecordFormats
{
    public const string CompaniesHeader = "company_id,company_name,country,industry,updated_at";
    public const string CustomersHeader = "customer_id,full_name,dob,user_name,email,city,country,company_id,updated_at";
    public const string ProductsHeader = "prod_id,prod_name,category,prod_unit_price,prod_currency_code,supplier_id";
    public const string OrdersHeader = "order_id,prod_id,customer_id,company_id,quantity,prod_quote_price,created_at";
    public const string LeadsHeader = "crm_lead_id,prod_id,customer_id,company_id,quantity,prod_quote_price,quote_value,is_lead_sale,order_id,created_at";
    public const string GeoIpHeader = "network_start,network_end,country";

    public static void Company(LineBuilder line, long id, string name, string country, string? industry, DateTime updatedAt, char? op, Corruption corruption = Corruption.None)
    {
        line.Clear();
        line.Field(id);
        if (corruption == Corruption.MissingRequired) line.Null(); else line.Field(name);
        line.Field(country);
        line.Field(industry);
        if (corruption == Corruption.BadTimestamp) line.Field(updatedAt.ToString("yyyy-MM-dd HH:mm")); else line.Field(updatedAt);
        if (op is not null && corruption != Corruption.MissingField)
            line.Field(corruption is Corruption.RuleViolation or Corruption.NegativeOrBadValue or Corruption.BadNumber ? "X" : op.Value.ToString());
        if (corruption == Corruption.ExtraField) line.Field("extra");
    }

    public static void Customer(LineBuilder line, CustomerRecord c, string? city, DateTime updatedAt, char? op, Corruption corruption = Corruption.None)
    {
        line.Clear();
        if (corruption == Corruption.BadNumber) line.Field($"C{c.Id}"); else line.Field(c.Id);
        line.Field(c.FullName);
        line.Field(c.Dob);
        if (corruption == Corruption.MissingRequired) line.Null(); else line.Field(c.UserName);
        line.Field(c.Email);
        line.Field(city);
        line.Field(c.Country);
        line.Field(c.CompanyId);
        if (corruption == Corruption.BadTimestamp) line.Field("yesterday"); else line.Field(updatedAt);
        if (op is not null && corruption != Corruption.MissingField)
            line.Field(corruption is Corruption.RuleViolation or Corruption.NegativeOrBadValue ? "Z" : op.Value.ToString());
        if (corruption == Corruption.ExtraField) line.Field("extra");
    }

    public static void Product(LineBuilder line, ProductRecord p)
    {
        line.Clear();
        line.Field(p.Id);
        line.Field(p.Name);
        line.Field(p.Category);
        line.Field(p.UnitPrice);
        line.Field("USD");
        line.Field(p.SupplierId);
    }

    public static void Order(LineBuilder line, long orderId, long prodId, long customerId, long companyId, int quantity, decimal price, DateTime createdAt, Corruption corruption = Corruption.None)
    {
        line.Clear();
        line.Field(orderId);
        line.Field(prodId);
        line.Field(customerId);
        if (corruption == Corruption.MissingRequired) line.Null(); else line.Field(companyId);
        if (corruption == Corruption.BadNumber) line.Field("two");
        else line.Field(corruption == Corruption.RuleViolation ? 0 : quantity);
        line.Field(corruption == Corruption.NegativeOrBadValue ? -price : price);
        if (corruption == Corruption.BadTimestamp) line.Field(createdAt.ToString("dd/MM/yyyy")); 
        else if (corruption != Corruption.MissingField) line.Field(createdAt);
        if (corruption == Corruption.ExtraField) line.Field("extra");
    }

    public static void Lead(LineBuilder line, long leadId, long prodId, long customerId, long companyId, int quantity, decimal price, decimal quoteValue, long? orderId, DateTime createdAt, Corruption corruption = Corruption.None)
    {
        line.Clear();
        line.Field(leadId);
        line.Field(prodId);
        line.Field(customerId);
        if (corruption == Corruption.MissingRequired) line.Null(); else line.Field(companyId);
        if (corruption == Corruption.BadNumber) line.Field("1.5x");
        else line.Field(corruption == Corruption.RuleViolation ? -1 : quantity);
        line.Field(price);
        line.Field(quoteValue);
        if (corruption == Corruption.NegativeOrBadValue) line.Field("maybe"); else line.Field(orderId is not null);
        if (orderId is null) line.Null(); else line.Field(orderId.Value);
        if (corruption == Corruption.BadTimestamp) line.Field("2024-02-30T25:00:00Z");
        else if (corruption != Corruption.MissingField) line.Field(createdAt);
        if (corruption == Corruption.ExtraField) line.Field("extra");
    }
}
