namespace Kindling.DataGen.Model;

/// <summary>A product; products never change after init.</summary>
internal sealed record ProductRecord(long Id, string Name, string? Category, decimal UnitPrice, long SupplierId);
