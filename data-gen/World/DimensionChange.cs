using Kindling.DataGen.Model;

namespace Kindling.DataGen.World;

/// <summary>One change-data-capture event of a company or customer: the version after the change.</summary>
internal readonly record struct DimensionChange(char Op, CompanyRecord? Company, CustomerRecord? Customer, DateTime UpdatedAt,
    string? PreviousName, string? PreviousIndustry, string? PreviousCity, DateTime PreviousUpdatedAt);
