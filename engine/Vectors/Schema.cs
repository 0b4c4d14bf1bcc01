namespace Kindling.Vectors;

/// <summary>An ordered list of fields. Column lookup by name is case-insensitive, as in Spark.</summary>
internal sealed class Schema
{
    private readonly Field[] _fields;
    private readonly Dictionary<string, int> _indexByName;

    public static readonly Schema Empty = new([]);

    public Schema(IReadOnlyList<Field> fields)
    {
        _fields = [.. fields];
        _indexByName = new Dictionary<string, int>(_fields.Length, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < _fields.Length; i++)
            _indexByName.TryAdd(_fields[i].Name, i); // first wins; ambiguity is the analyzer's concern
    }

    public IReadOnlyList<Field> Fields => _fields;

    public int Count => _fields.Length;

    public Field this[int index] => _fields[index];

    /// <summary>The index of the named column, or -1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out int i) ? i : -1;

    /// <summary>The index of the named column; throws naming the valid columns when it is absent.</summary>
    public int IndexOfOrThrow(string name)
    {
        int i = IndexOf(name);
        if (i < 0)
            throw new ArgumentException($"Column '{name}' does not exist. Available columns: {string.Join(", ", _fields.Select(f => f.Name))}");
        return i;
    }

    public override string ToString() => "[" + string.Join(", ", _fields.Select(f => f.ToString())) + "]";
}
