namespace Kindling.DataGen.Generators;

/// <summary>How an injected malformed record breaks the contract while keeping the CSV framing.</summary>
internal enum Corruption
{
    None,
    /// <summary>One field too few.</summary>
    MissingField,
    /// <summary>One field too many.</summary>
    ExtraField,
    /// <summary>A number that does not parse.</summary>
    BadNumber,
    /// <summary>A timestamp that does not parse.</summary>
    BadTimestamp,
    /// <summary>A required value left empty.</summary>
    MissingRequired,
    /// <summary>quantity &lt; 1 (facts) or an unknown op (dimensions).</summary>
    RuleViolation,
    /// <summary>A negative price (facts) or a boolean that does not parse (leads).</summary>
    NegativeOrBadValue,
}
