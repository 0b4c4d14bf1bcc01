namespace Kindling.DataGen.Text;

/// <summary>
/// Word lists for realistic values. Some entries need CSV quoting (commas, quotes) or are non-ASCII,
/// so every file exercises a reader's quoting and UTF-8 handling.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] FirstNames =
    [
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Zoë",
        "José", "Chloé", "Björn", "Søren", "Łukasz", "Ana", "Mateo", "Élodie", "Jürgen", "Renée",
        "Hiroshi", "Yuki", "Priya", "Arjun", "Fatima", "Omar", "Ingrid", "Nuño", "Ça\u011Flar", "Siobhán",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "O'Brien", "O'Neil", "Müller", "Schröder", "Dubois", "Lefèvre", "Núñez", "Peña", "Kowalski", "Nowak",
        "Andersson", "Østergaard", "Tanaka", "Sato", "Patel", "Sharma", "Haddad", "Rossi", "D'Angelo", "van der Berg",
        "Smith, Jr.", "Brown, III", "García-López", "Fitz\"Gerald\"", "Kim", "Nguyen", "Ivanov", "Öztürk", "Çelik", "Walsh",
    ];

    public static readonly string[] CompanyStems =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Soylent", "Cyberdyne",
        "Hooli", "Vandelay", "Pied Piper", "Gringotts", "Oscorp", "Nakatomi", "Monarch", "Aperture", "Black Mesa", "Massive Dynamic",
        "Nordström", "Société Générale", "Müller", "Zürich", "Årdal", "São Paulo", "Kraków", "Málaga", "Ōsaka", "Bærum",
    ];

    public static readonly string[] CompanySuffixes =
    [
        "Inc.", ", Inc.", "LLC", "Ltd.", "GmbH", "& Co.", "S.A.", "AG", "B.V.", "Holdings", "Group", "\"The Best\" Ltd.", "& Sons, Ltd.",
    ];

    public static readonly string[] Industries =
    [
        "Manufacturing", "Retail", "Healthcare", "Construction", "Logistics", "Energy", "Agriculture", "Hospitality",
        "Software", "Telecommunications", "Education", "Food & Beverage", "Mining, Metals", "Automotive", "Pharmaceuticals",
    ];

    public static readonly string[] Categories =
    [
        "Pumps", "Valves", "Fasteners", "Office Supplies", "Safety Gear", "Electrical", "Tools", "Packaging",
        "Lab Equipment", "Cleaning", "HVAC", "Plumbing", "Lighting", "Furniture", "Fluids, Oils",
    ];

    public static readonly string[] ProductNouns =
    [
        "Pump", "Valve", "Bolt", "Stapler", "Helmet", "Cable", "Wrench", "Box", "Beaker", "Mop",
        "Filter", "Pipe", "Lamp", "Chair", "Grease", "Drill", "Hose", "Glove", "Sensor", "Relay",
    ];

    public static readonly string[] ProductAdjectives =
    [
        "Heavy-Duty", "Compact", "Industrial", "Premium", "Eco", "Stainless", "12\" ", "Ergonomic", "Large, Blue", "Mini",
        "Pro", "Ultra", "Classic", "Smart", "Double-Sided", "Café", "Rückstau", "Señal", "3/4\"", "Deluxe",
    ];

    public static readonly string[] SearchTerms =
    [
        "pump", "valve", "safety+gloves", "drill", "cable+ties", "helmet", "office+chair", "hose", "relay", "lamp",
        "caf%C3%A9", "m%C3%BCller", "12%22+pipe", "filter", "grease",
    ];

    public static readonly string[] EmailDomains =
    [
        "example.com", "mail.example", "corp.example", "example.org", "example.net",
    ];

    /// <summary>User agents by device kind (desktop, mobile, tablet, bot); the weblog job classifies them.</summary>
    public static readonly string[] DesktopAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
    ];

    public static readonly string[] MobileAgents =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36",
    ];

    public static readonly string[] TabletAgents =
    [
        "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    ];

    public static readonly string[] BotAgents =
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "python-requests/2.31.0",
    ];

    public static readonly string[] Referrers =
    [
        "-", "-", "https://shop.example/", "https://shop.example/search?q=pump", "https://www.google.com/", "https://www.bing.com/",
        "https://shop.example/cart", "https://news.example/article?id=42",
    ];
}
