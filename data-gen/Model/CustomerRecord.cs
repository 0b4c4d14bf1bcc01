using Kindling.DataGen.World;

namespace Kindling.DataGen.Model;

/// <summary>The current version of a customer (a buyer employed by a company).</summary>
internal sealed class CustomerRecord
{
    public required long Id { get; init; }
    public required string FullName { get; init; }
    public DateOnly? Dob { get; init; }
    public required string UserName { get; init; }
    public required string Email { get; init; }
    public string? City { get; set; }
    public required string Country { get; set; }
    public required long CompanyId { get; set; }
    public required DateTime UpdatedAt { get; set; }
    public bool Alive { get; set; } = true;
    public int LastChangeDay { get; set; } = -1;
    /// <summary>The customer's IP: fixed per customer and country, inside a block of the current country.</summary>
    public uint Ip => Names.IpOf(Id, Country);

    /// <summary>The time zone the customer's requests show, one of its country's offsets.</summary>
    public int UtcOffsetMinutes => Names.OffsetOf(Id, Country);
}
