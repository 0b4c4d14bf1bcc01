using System.Text;
using Kindling.DataGen.Model;
using Kindling.DataGen.Text;

namespace Kindling.DataGen.World;

/// <summary>Makes names, user names, e-mails and IPs from the vocabulary.</summary>
internal static class Names
{
    public static string Company(DeterministicRandom rng)
    {
        string stem = rng.Pick(Vocabulary.CompanyStems);
        string suffix = rng.Pick(Vocabulary.CompanySuffixes);
        return suffix.StartsWith(',') ? stem + suffix : stem + " " + suffix;
    }

    public static string Product(DeterministicRandom rng) =>
        $"{rng.Pick(Vocabulary.ProductAdjectives).TrimEnd()} {rng.Pick(Vocabulary.ProductNouns)} {rng.Next(100, 1000)}";

    public static CustomerRecord Customer(DeterministicRandom rng, long id, CompanyRecord company, DateTime updatedAt, int changeDay)
    {
        string first = rng.Pick(Vocabulary.FirstNames), last = rng.Pick(Vocabulary.LastNames);
        // The id suffix makes user names and e-mails unique for ever, deleted customers included.
        string userName = $"{Ascii(first)[..1]}{Ascii(last)}{id}";
        var country = Array.Find(Country.All, c => c.Code == company.Country)!;
        return new CustomerRecord
        {
            Id = id,
            FullName = $"{first} {last}",
            Dob = rng.Chance(0.1) ? null : new DateOnly(1950, 1, 1).AddDays(rng.Next(0, 365 * 50)),
            UserName = userName,
            Email = $"{userName}@{rng.Pick(Vocabulary.EmailDomains)}",
            City = rng.Chance(0.05) ? null : rng.Pick(country.Cities),
            Country = country.Code,
            CompanyId = company.Id,
            UpdatedAt = updatedAt,
            LastChangeDay = changeDay,
        };
    }

    /// <summary>A stable IP for a customer in a country: a block of that country and an address in it, both from a hash of the id.</summary>
    public static uint IpOf(long customerId, string country)
    {
        ulong h = Mix((ulong)customerId);
        int countryIndex = Array.FindIndex(Country.All, c => c.Code == country);
        var block = GeoIpBlock.All[countryIndex * GeoIpBlock.BlocksPerCountry + (int)(h % GeoIpBlock.BlocksPerCountry)];
        return block.Start + 1 + (uint)((h >> 8) % (block.End - block.Start - 1));
    }

    public static int OffsetOf(long customerId, string country)
    {
        var offsets = Array.Find(Country.All, c => c.Code == country)!.OffsetsMinutes;
        return offsets[(int)(Mix((ulong)customerId ^ 0x5555) % (ulong)offsets.Length)];
    }

    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Lower-case ASCII letters of a name (other letters dropped), for user names.</summary>
    private static string Ascii(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            char l = char.ToLowerInvariant(c);
            if (l is >= 'a' and <= 'z') sb.Append(l);
        }
        return sb.Length == 0 ? "x" : sb.ToString();
    }
}
