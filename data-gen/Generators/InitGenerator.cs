using Kindling.DataGen.Model;
using Kindling.DataGen.Text;
using Kindling.DataGen.World;
using Kindling.DataGen.Writers;

namespace Kindling.DataGen.Generators;

/// <summary>Writes <c>init/</c>: the dimensions, the products, two years of historical orders and the geo-IP blocks. No faults, no manifest.</summary>
internal static class InitGenerator
{
    public static void Run(GeneratorOptions options)
    {
        var world = WorldState.CreateInitial(options);
        FolderCommit.Write(Path.Combine(options.Root, "init"), folder =>
        {
            Parallel.Invoke(
                () => WriteCompanies(folder, world),
                () => WriteCustomers(folder, world),
                () => WriteProducts(folder, world),
                () => WriteOrders(folder, world),
                () => WriteGeoIpBlocks(folder));
        });
    }

    private static void WriteCompanies(string folder, WorldState world)
    {
        using var file = new FeedWriter(Path.Combine(folder, "companies.csv"), RecordFormats.CompaniesHeader);
        var line = new LineBuilder();
        foreach (var c in world.Companies)
        {
            RecordFormats.Company(line, c.Id, c.Name, c.Country, c.Industry, c.UpdatedAt, op: null);
            file.Write(line.Line);
        }
    }

    private static void WriteCustomers(string folder, WorldState world)
    {
        using var file = new FeedWriter(Path.Combine(folder, "customers.csv"), RecordFormats.CustomersHeader);
        var line = new LineBuilder();
        foreach (var c in world.Customers)
        {
            RecordFormats.Customer(line, c, c.City, c.UpdatedAt, op: null);
            file.Write(line.Line);
        }
    }

    private static void WriteProducts(string folder, WorldState world)
    {
        using var file = new FeedWriter(Path.Combine(folder, "products.csv"), RecordFormats.ProductsHeader);
        var line = new LineBuilder();
        foreach (var p in world.Products)
        {
            RecordFormats.Product(line, p);
            file.Write(line.Line);
        }
    }

    private static void WriteOrders(string folder, WorldState world)
    {
        var options = world.Options;
        var rng = DeterministicRandom.For(options.Seed, "init-orders");
        using var file = new FeedWriter(Path.Combine(folder, "orders.csv"), RecordFormats.OrdersHeader);
        var line = new LineBuilder();
        DateTime from = options.DayStartUtc(0).AddDays(-730);
        for (int i = 1; i <= options.HistoricalOrders; i++)
        {
            // No dimension changes happen before the start date, so init versions are valid here.
            var customer = world.Customers[rng.Next(world.Customers.Count)];
            var product = world.Products[rng.Next(world.Products.Length)];
            int quantity = Facts.Quantity(rng);
            RecordFormats.Order(line, i, product.Id, customer.Id, customer.CompanyId, quantity, Facts.QuotePrice(rng, product), from.AddSeconds(rng.NextLong(730L * 86400)));
            file.Write(line.Line);
        }
    }

    private static void WriteGeoIpBlocks(string folder)
    {
        using var file = new FeedWriter(Path.Combine(folder, "geo_ip_blocks.csv"), RecordFormats.GeoIpHeader);
        var line = new LineBuilder();
        foreach (var block in GeoIpBlock.All)
        {
            line.Clear();
            line.Field(GeoIpBlock.Format(block.Start));
            line.Field(GeoIpBlock.Format(block.End));
            line.Field(block.Country);
            file.Write(line.Line);
        }
    }
}
