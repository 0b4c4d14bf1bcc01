namespace Kindling.DataGen.Model;

/// <summary>An IPv4 range assigned to a country (inclusive bounds as 32-bit numbers).</summary>
internal sealed record GeoIpBlock(uint Start, uint End, string Country)
{
    public const int BlocksPerCountry = 4;

    /// <summary>The fixed block table: four blocks per country, with gaps between countries for unknown IPs.</summary>
    public static readonly GeoIpBlock[] All = Build();

    private static GeoIpBlock[] Build()
    {
        var blocks = new List<GeoIpBlock>();
        for (int c = 0; c < Model.Country.All.Length; c++)
            for (int k = 0; k < BlocksPerCountry; k++)
            {
                uint firstOctet = (uint)(20 + c * 5 + k);
                uint start = (firstOctet << 24) | ((uint)(k * 32) << 16);
                blocks.Add(new GeoIpBlock(start, start + (16u << 16) - 1, Model.Country.All[c].Code));
            }
        return [.. blocks];
    }

    /// <summary>The blocks of one country.</summary>
    public static IEnumerable<GeoIpBlock> Of(string country) => All.Where(b => b.Country == country);

    public static string Format(uint ip) => $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}";
}
