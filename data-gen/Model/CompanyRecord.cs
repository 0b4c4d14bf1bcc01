namespace Kindling.DataGen.Model;

/// <summary>The current version of a company in the simulated world.</summary>
internal sealed class CompanyRecord
{
    public required long Id { get; init; }
    public required string Name { get; set; }
    public required string Country { get; init; }
    public string? Industry { get; set; }
    public required DateTime UpdatedAt { get; set; }
    public bool Alive { get; set; } = true;
    /// <summary>Day index of the last change (-1 for init rows that never changed).</summary>
    public int LastChangeDay { get; set; } = -1;
    public int LiveCustomers { get; set; }
    public bool IsSupplier { get; set; }
}
