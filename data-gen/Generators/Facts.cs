using Kindling.DataGen.Model;
using Kindling.DataGen.Text;

namespace Kindling.DataGen.Generators;

/// <summary>Plausible fact values shared by orders and leads.</summary>
internal static class Facts
{
    /// <summary>Mostly small quantities with a long tail (1..50).</summary>
    public static int Quantity(DeterministicRandom rng) => rng.Chance(0.8) ? rng.Next(1, 6) : rng.Next(6, 51);

    /// <summary>The unit price charged: a markup of 5%..60% on the product's cost, in cents.</summary>
    public static decimal QuotePrice(DeterministicRandom rng, ProductRecord product) =>
        Math.Round(product.UnitPrice * (decimal)(1.05 + rng.NextDouble() * 0.55), 2, MidpointRounding.AwayFromZero);

    public static Corruption PickCorruption(DeterministicRandom rng) => (Corruption)rng.Next(1, 8);
}
