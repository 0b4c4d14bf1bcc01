using System.Globalization;
using Kindling.DataGen.Model;
using Kindling.DataGen.Text;
using Kindling.DataGen.World;
using Kindling.DataGen.Writers;

namespace Kindling.DataGen.Generators;

/// <summary>
/// Writes <c>raw/dt=D/</c> for a range of days: the dimension changes (CDC), orders, leads, weblogs,
/// injected faults, and the manifest last. Each file draws from its own (seed, file, day) stream.
/// </summary>
internal static class DailyGenerator
{
    public static void Run(GeneratorOptions options, DateOnly from, DateOnly to)
    {
        var world = WorldState.AtStartOfDay(options, options.DayIndex(from));
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            int day = options.DayIndex(date);
            var changes = world.ApplyDay(day);
            var stable = world.StableCustomers(day);
            string final = Path.Combine(options.Root, "raw", "dt=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            FolderCommit.Write(final, folder => WriteDay(folder, options, world, date, day, changes, stable));
        }
    }

    private static void WriteDay(string folder, GeneratorOptions options, WorldState world, DateOnly date, int day, List<DimensionChange> changes, CustomerRecord[] stable)
    {
        FileCounts companies = new(), customers = new(), orders = new(), leads = new(), weblogs = new();
        Parallel.Invoke(
            () => companies = WriteCompanies(folder, options, day, changes),
            () => customers = WriteCustomers(folder, options, day, changes),
            () => orders = WriteOrders(folder, options, world, day, stable),
            () => leads = WriteLeads(folder, options, world, day, stable),
            () => weblogs = WeblogGenerator.Write(Path.Combine(folder, "weblogs.log"), options, world, day, stable));
        ManifestWriter.Write(Path.Combine(folder, "_manifest.json"), date, options.Seed, options.Scale,
            [("companies.csv", companies), ("customers.csv", customers), ("orders.csv", orders), ("leads.csv", leads), ("weblogs.log", weblogs)]);
    }

    private static FileCounts WriteCompanies(string folder, GeneratorOptions options, int day, List<DimensionChange> changes)
    {
        var rng = DeterministicRandom.For(options.Seed, "companies-faults", day);
        using var file = new FeedWriter(Path.Combine(folder, "companies.csv"), RecordFormats.CompaniesHeader + ",op");
        var line = new LineBuilder();
        foreach (var change in changes)
        {
            if (change.Company is not { } c) continue;
            // A delete carries the key's last values with the delete's updated_at.
            RecordFormats.Company(line, c.Id, c.Name, c.Country, c.Industry, change.UpdatedAt, change.Op);
            file.Write(line.Line);
            InjectDimensionFaults(file, line, rng, options, change,
                corruption => RecordFormats.Company(line, c.Id, c.Name, c.Country, c.Industry, change.UpdatedAt, change.Op, corruption),
                staleAt => RecordFormats.Company(line, c.Id, change.PreviousName!, c.Country, change.PreviousIndustry, staleAt, 'U'));
        }
        return file.Counts;
    }

    private static FileCounts WriteCustomers(string folder, GeneratorOptions options, int day, List<DimensionChange> changes)
    {
        var rng = DeterministicRandom.For(options.Seed, "customers-faults", day);
        using var file = new FeedWriter(Path.Combine(folder, "customers.csv"), RecordFormats.CustomersHeader + ",op");
        var line = new LineBuilder();
        foreach (var change in changes)
        {
            if (change.Customer is not { } c) continue;
            RecordFormats.Customer(line, c, c.City, change.UpdatedAt, change.Op);
            file.Write(line.Line);
            InjectDimensionFaults(file, line, rng, options, change,
                corruption => RecordFormats.Customer(line, c, c.City, change.UpdatedAt, change.Op, corruption),
                staleAt => RecordFormats.Customer(line, c, change.PreviousCity, staleAt, 'U'));
        }
        return file.Counts;
    }

    /// <summary>After a real change: maybe a malformed record, a re-sent duplicate, and a stale older version.</summary>
    private static void InjectDimensionFaults(FeedWriter file, LineBuilder line, DeterministicRandom rng, GeneratorOptions options,
        DimensionChange change, Action<Corruption> buildMalformed, Action<DateTime> buildStale)
    {
        if (rng.Chance(options.MalformedRate))
        {
            buildMalformed(Facts.PickCorruption(rng));
            file.WriteMalformed(line.Line);
        }
        if (rng.Chance(options.DuplicateRate))
            file.WriteDuplicate(rng.Next(1 << 20));
        // Stale: an older version of a key whose newer version was just delivered. Its timestamp lies
        // before the new version's and differs from the previous version's, so it is never a duplicate.
        if (change.Op != 'I' && rng.Chance(options.StaleRate))
        {
            DateTime staleAt = change.UpdatedAt.AddSeconds(-1 - rng.Next(3600));
            if (staleAt == change.PreviousUpdatedAt) staleAt = staleAt.AddSeconds(-1);
            buildStale(staleAt);
            file.Write(line.Line, stale: true);
        }
    }

    /// <summary>The day a fact belongs to: usually <paramref name="day"/>, sometimes 1-3 days earlier (late).</summary>
    private static int FactDay(DeterministicRandom rng, GeneratorOptions options, int day, out bool late)
    {
        late = rng.Chance(options.LateRate);
        return late ? day - rng.Next(1, 4) : day;
    }

    /// <summary>Ids are unique across all days: day D owns a disjoint range after the historical orders.</summary>
    private static long FirstOrderId(GeneratorOptions options, int day) =>
        options.HistoricalOrders + (long)day * (options.OrdersPerDay + options.LeadsPerDay) + 1;

    private static FileCounts WriteOrders(string folder, GeneratorOptions options, WorldState world, int day, CustomerRecord[] stable)
    {
        var rng = DeterministicRandom.For(options.Seed, "orders", day);
        using var file = new FeedWriter(Path.Combine(folder, "orders.csv"), RecordFormats.OrdersHeader);
        var line = new LineBuilder();
        long firstId = FirstOrderId(options, day);
        for (int i = 0; i < options.OrdersPerDay; i++)
        {
            int factDay = FactDay(rng, options, day, out bool late);
            var customer = stable[rng.Next(stable.Length)];
            var product = world.Products[rng.Next(world.Products.Length)];
            int quantity = Facts.Quantity(rng);
            decimal price = Facts.QuotePrice(rng, product);
            DateTime at = options.DayStartUtc(factDay).AddSeconds(rng.NextLong(86_400));
            RecordFormats.Order(line, firstId + i, product.Id, customer.Id, customer.CompanyId, quantity, price, at);
            file.Write(line.Line, late);
            if (rng.Chance(options.MalformedRate))
            {
                RecordFormats.Order(line, firstId + i, product.Id, customer.Id, customer.CompanyId, quantity, price, at, Facts.PickCorruption(rng));
                file.WriteMalformed(line.Line);
            }
            if (rng.Chance(options.DuplicateRate))
                file.WriteDuplicate(rng.Next(1 << 20));
        }
        return file.Counts;
    }

    private static FileCounts WriteLeads(string folder, GeneratorOptions options, WorldState world, int day, CustomerRecord[] stable)
    {
        var rng = DeterministicRandom.For(options.Seed, "leads", day);
        using var file = new FeedWriter(Path.Combine(folder, "leads.csv"), RecordFormats.LeadsHeader);
        var line = new LineBuilder();
        long firstLeadId = (long)day * options.LeadsPerDay + 1;
        // Converted leads' orders take the second part of the day's order id range.
        long firstLeadOrderId = FirstOrderId(options, day) + options.OrdersPerDay;
        for (int i = 0; i < options.LeadsPerDay; i++)
        {
            int factDay = FactDay(rng, options, day, out bool late);
            var customer = stable[rng.Next(stable.Length)];
            var product = world.Products[rng.Next(world.Products.Length)];
            int quantity = Facts.Quantity(rng);
            decimal price = Facts.QuotePrice(rng, product);
            decimal quoteValue = Math.Round(quantity * price * (decimal)(0.8 + rng.NextDouble() * 0.4), 2, MidpointRounding.AwayFromZero);
            long? orderId = rng.Chance(0.5) ? firstLeadOrderId + i : null;
            DateTime at = options.DayStartUtc(factDay).AddSeconds(rng.NextLong(86_400));
            RecordFormats.Lead(line, firstLeadId + i, product.Id, customer.Id, customer.CompanyId, quantity, price, quoteValue, orderId, at);
            file.Write(line.Line, late);
            if (rng.Chance(options.MalformedRate))
            {
                RecordFormats.Lead(line, firstLeadId + i, product.Id, customer.Id, customer.CompanyId, quantity, price, quoteValue, orderId, at, Facts.PickCorruption(rng));
                file.WriteMalformed(line.Line);
            }
            if (rng.Chance(options.DuplicateRate))
                file.WriteDuplicate(rng.Next(1 << 20));
        }
        return file.Counts;
    }
}
