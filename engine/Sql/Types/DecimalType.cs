using Kindling.Vectors;

namespace Kindling.Sql.Types;

/// <summary>Represents the decimal data type with a fixed precision and scale.</summary>
public sealed class DecimalType : FractionalType
{
    private readonly int _precision;
    private readonly int _scale;

    /// <summary>Creates a decimal type with the given precision (max 38) and scale.</summary>
    public DecimalType(int precision = 10, int scale = 0)
    {
        _ = ColumnType.Decimal(precision, scale); // validates
        _precision = precision;
        _scale = scale;
    }

    internal int Precision => _precision;

    internal int Scale => _scale;

    /// <inheritdoc/>
    public override string TypeName => $"decimal({_precision},{_scale})";

    internal override ColumnType ToColumnType() => ColumnType.Decimal(_precision, _scale);
}
