namespace Kindling.DataGen.Model;

/// <summary>A country with its cities and the UTC offsets (minutes) its visitors' logs show.</summary>
internal sealed record Country(string Code, string[] Cities, int[] OffsetsMinutes)
{
    public static readonly Country[] All =
    [
        new("US", ["New York", "Chicago", "Austin", "Seattle", "Boston"], [-300, -360, -420, -480]),
        new("CA", ["Toronto", "Montréal", "Vancouver"], [-300, -480]),
        new("GB", ["London", "Manchester", "Leeds"], [0, 60]),
        new("DE", ["Berlin", "München", "Köln", "Düsseldorf"], [60, 120]),
        new("FR", ["Paris", "Lyon", "Orléans"], [60, 120]),
        new("ES", ["Madrid", "Málaga", "A Coruña"], [60, 120]),
        new("PL", ["Warszawa", "Kraków", "Łódź"], [60, 120]),
        new("SE", ["Stockholm", "Göteborg"], [60, 120]),
        new("JP", ["Tokyo", "Ōsaka"], [540]),
        new("IN", ["Mumbai", "Bengaluru"], [330]),
        new("BR", ["São Paulo", "Rio de Janeiro"], [-180]),
        new("AU", ["Sydney", "Melbourne"], [600, 660]),
    ];
}
