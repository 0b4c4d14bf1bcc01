using Kindling.DataGen.Model;
using Kindling.DataGen.Text;

namespace Kindling.DataGen.World;

/// <summary>
/// The simulated marketplace: companies, customers and products as of some moment. Day D's state is
/// derived by replaying the cheap dimension changes of days 0..D-1 from their own seeded streams, so a
/// day generated alone equals the same day generated in a range.
/// </summary>
internal sealed class WorldState
{
    // Facts use only customers unchanged for this many days, so a (late) fact's customer and company
    // are the ones valid at its created_at without tracking versions by time.
    public const int StableDays = 4;

    private readonly Dictionary<long, CompanyRecord> _companiesById = [];
    private readonly List<CompanyRecord> _companies = [];
    private readonly List<CustomerRecord> _customers = [];

    private WorldState(GeneratorOptions options) => Options = options;

    public GeneratorOptions Options { get; }

    public IReadOnlyList<CompanyRecord> Companies => _companies;

    public IReadOnlyList<CustomerRecord> Customers => _customers;

    public ProductRecord[] Products { get; private set; } = [];

    /// <summary>The first day not yet applied.</summary>
    public int NextDay { get; private set; }

    public CompanyRecord Company(long id) => _companiesById[id];

    /// <summary>The state at the start of day <paramref name="day"/>.</summary>
    public static WorldState AtStartOfDay(GeneratorOptions options, int day)
    {
        var world = CreateInitial(options);
        for (int d = 0; d < day; d++) world.ApplyDay(d);
        return world;
    }

    public static WorldState CreateInitial(GeneratorOptions options)
    {
        var world = new WorldState(options);
        var rng = DeterministicRandom.For(options.Seed, "init-dimensions");
        DateTime historyStart = options.DayStartUtc(0).AddDays(-1100);
        DateTime initEnd = options.DayStartUtc(0).AddDays(-731); // historical orders start 730 days before the start date
        for (int i = 1; i <= options.Companies; i++)
        {
            var country = rng.Pick(Country.All);
            var company = new CompanyRecord
            {
                Id = i,
                Name = Names.Company(rng),
                Country = country.Code,
                Industry = rng.Chance(0.05) ? null : rng.Pick(Vocabulary.Industries),
                UpdatedAt = historyStart.AddSeconds(rng.NextLong(360L * 86400)),
                LastChangeDay = int.MinValue / 2,
            };
            world.AddCompany(company);
        }
        for (int i = 1; i <= options.Customers; i++)
        {
            var company = world._companies[rng.Next(world._companies.Count)];
            // A buyer's first version comes after its company's, and before the history of facts.
            long window = (long)(initEnd - company.UpdatedAt).TotalSeconds;
            world.AddCustomer(Names.Customer(rng, i, company, company.UpdatedAt.AddSeconds(1 + rng.NextLong(window)), int.MinValue / 2));
        }
        var products = new ProductRecord[options.Products];
        for (int i = 0; i < products.Length; i++)
        {
            var supplier = world._companies[rng.Next(world._companies.Count)];
            supplier.IsSupplier = true;
            decimal price = Math.Round((decimal)(1 + rng.NextDouble() * rng.NextDouble() * 1999), rng.Next(0, 5));
            products[i] = new ProductRecord(i + 1, Names.Product(rng), rng.Chance(0.05) ? null : rng.Pick(Vocabulary.Categories), price, supplier.Id);
        }
        world.Products = products;
        return world;
    }

    private void AddCompany(CompanyRecord company)
    {
        _companies.Add(company);
        _companiesById.Add(company.Id, company);
    }

    private void AddCustomer(CustomerRecord customer)
    {
        _customers.Add(customer);
        _companiesById[customer.CompanyId].LiveCustomers++;
    }

    /// <summary>Applies day <paramref name="day"/>'s changes in time order and returns them.</summary>
    public List<DimensionChange> ApplyDay(int day)
    {
        if (day != NextDay) throw new InvalidOperationException($"days must be applied in order: expected {NextDay}, got {day}");
        NextDay++;
        var options = Options;
        var rng = DeterministicRandom.For(options.Seed, "dimension-changes", day);
        int companyChanges = options.CompanyChangesPerDay, customerChanges = options.CustomerChangesPerDay;
        int total = companyChanges + customerChanges;

        // Event times spread over the day, sorted so versions of a key get increasing updated_at.
        var times = new long[total];
        for (int i = 0; i < total; i++) times[i] = rng.NextLong(86_400);
        Array.Sort(times);
        var kinds = new bool[total]; // true = company event
        for (int i = 0; i < companyChanges; i++) kinds[i] = true;
        for (int i = total - 1; i > 0; i--) { int j = rng.Next(i + 1); (kinds[i], kinds[j]) = (kinds[j], kinds[i]); }

        var changes = new List<DimensionChange>(total);
        DateTime dayStart = options.DayStartUtc(day);
        int newCompanies = 0, newCustomers = 0;
        for (int i = 0; i < total; i++)
        {
            DateTime at = dayStart.AddSeconds(times[i]);
            if (kinds[i])
                changes.Add(ChangeCompany(rng, day, at, options.Companies + (long)day * companyChanges + ++newCompanies));
            else
                changes.Add(ChangeCustomer(rng, day, at, options.Customers + (long)day * customerChanges + ++newCustomers));
        }
        return changes;
    }

    private CompanyRecord PickLiveCompany(DeterministicRandom rng)
    {
        while (true)
        {
            var c = _companies[rng.Next(_companies.Count)];
            if (c.Alive) return c;
        }
    }

    private DimensionChange ChangeCompany(DeterministicRandom rng, int day, DateTime at, long newId)
    {
        int roll = rng.Next(100);
        if (roll < 10)
        {
            // Delete only a company that nothing alive references: no live customers, supplies no product.
            for (int attempt = 0; attempt < 20; attempt++)
            {
                var candidate = _companies[rng.Next(_companies.Count)];
                if (!candidate.Alive || candidate.IsSupplier || candidate.LiveCustomers > 0 || candidate.UpdatedAt >= at) continue;
                var previous = candidate.UpdatedAt;
                candidate.Alive = false;
                candidate.UpdatedAt = at;
                candidate.LastChangeDay = day;
                return new DimensionChange('D', candidate, null, at, candidate.Name, candidate.Industry, null, previous);
            }
        }
        if (roll < 40)
        {
            var company = new CompanyRecord
            {
                Id = newId,
                Name = Names.Company(rng),
                Country = rng.Pick(Country.All).Code,
                Industry = rng.Chance(0.05) ? null : rng.Pick(Vocabulary.Industries),
                UpdatedAt = at,
                LastChangeDay = day,
            };
            AddCompany(company);
            return new DimensionChange('I', company, null, at, null, null, null, default);
        }
        var updated = PickLiveCompany(rng);
        string previousName = updated.Name;
        string? previousIndustry = updated.Industry;
        DateTime previousAt = updated.UpdatedAt;
        if (rng.Chance(0.5)) updated.Name = Names.Company(rng);
        else updated.Industry = rng.Chance(0.05) ? null : rng.Pick(Vocabulary.Industries);
        updated.UpdatedAt = at > previousAt ? at : previousAt.AddSeconds(1);
        updated.LastChangeDay = day;
        return new DimensionChange('U', updated, null, updated.UpdatedAt, previousName, previousIndustry, null, previousAt);
    }

    private DimensionChange ChangeCustomer(DeterministicRandom rng, int day, DateTime at, long newId)
    {
        int roll = rng.Next(100);
        if (roll < 30)
        {
            var customer = Names.Customer(rng, newId, PickLiveCompany(rng), at, day);
            AddCustomer(customer);
            return new DimensionChange('I', null, customer, at, null, null, null, default);
        }

        CustomerRecord target;
        do target = _customers[rng.Next(_customers.Count)]; while (!target.Alive);
        var previousAt = target.UpdatedAt;
        var previousCity = target.City;
        var when = at > previousAt ? at : previousAt.AddSeconds(1);
        target.UpdatedAt = when;
        target.LastChangeDay = day;
        if (roll < 45)
        {
            target.Alive = false;
            _companiesById[target.CompanyId].LiveCustomers--;
            return new DimensionChange('D', null, target, when, null, null, previousCity, previousAt);
        }
        if (roll < 75)
        {
            // Moves to another company (and its country): later orders carry the new company_id.
            var company = PickLiveCompany(rng);
            _companiesById[target.CompanyId].LiveCustomers--;
            company.LiveCustomers++;
            target.CompanyId = company.Id;
            target.Country = company.Country;
        }
        var country = Array.Find(Country.All, c => c.Code == target.Country)!;
        target.City = rng.Chance(0.05) ? null : rng.Pick(country.Cities);
        return new DimensionChange('U', null, target, when, null, null, previousCity, previousAt);
    }

    /// <summary>Customers unchanged (and alive) since before day <paramref name="day"/> - 3: safe for day D's facts, late ones included.</summary>
    public CustomerRecord[] StableCustomers(int day)
    {
        var stable = new List<CustomerRecord>(_customers.Count);
        foreach (var c in _customers)
            if (c.Alive && c.LastChangeDay < day - StableDays + 1)
                stable.Add(c);
        return [.. stable];
    }
}
