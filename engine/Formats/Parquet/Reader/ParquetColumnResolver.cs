using System.Diagnostics.CodeAnalysis;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Formats.Parquet.Reader;

/// <summary>
/// Maps a top-level field of a file's schema tree to the column the reader reads: a primitive field as itself,
/// a LIST of primitives (the standard 3-level form and the legacy forms of LogicalTypes.md's
/// backward-compatibility rules) and an unannotated repeated primitive as an array. Lists of lists, of structs
/// and of maps, maps and structs are refused, naming the column.
/// </summary>
internal static class ParquetColumnResolver
{
    /// <summary>Resolves the field at <paramref name="index"/> of <paramref name="schema"/> and moves past its subtree.</summary>
    public static ParquetColumn Resolve(IReadOnlyList<SchemaElement> schema, ref int index, int column)
    {
        var field = schema[index];
        if (!IsGroup(field))
        {
            index++;
            // "A repeated field that is neither contained by a LIST- or MAP-annotated group nor annotated by LIST or MAP
            // should be interpreted as a required list of required elements."
            return field.Repetition == FieldRepetition.Repeated
                ? ParquetColumn.List(column, field.Name, field, listOptional: false, elementOptional: false)
                : ParquetColumn.From(column, field);
        }
        if (IsList(field)) return ResolveList(schema, ref index, column);
        if (IsMap(field)) Refuse(field.Name, "a map");
        Refuse(field.Name, field.Repetition == FieldRepetition.Repeated ? "a list of structs (a repeated group)" : "a struct");
        return null!;
    }

    /// <summary>A LIST-annotated group: the element type by the backward-compatibility rules, in their order.</summary>
    private static ParquetColumn ResolveList(IReadOnlyList<SchemaElement> schema, ref int index, int column)
    {
        var list = schema[index];
        string name = list.Name;
        if (list.Repetition == FieldRepetition.Repeated) Refuse(name, "a list of lists (a repeated LIST group)");
        if (list.NumChildren != 1) ParquetThrow.Corrupt($"column '{name}': a LIST group holds {list.NumChildren} fields instead of one repeated field");
        var repeated = Child(schema, index + 1, name);
        if (repeated.Repetition != FieldRepetition.Repeated) ParquetThrow.Corrupt($"column '{name}': the field '{repeated.Name}' of a LIST group is not repeated");
        bool listOptional = list.Repetition == FieldRepetition.Optional;
        if (!IsGroup(repeated))
        {
            // Rule 1: a repeated primitive is the element, and elements are required (the 2-level form).
            index += 2;
            return ParquetColumn.List(column, name, repeated, listOptional, elementOptional: false);
        }
        // Rule 2: a repeated group of several fields is a struct element.
        if (repeated.NumChildren != 1) Refuse(name, $"a list of structs (the repeated group '{repeated.Name}' has {repeated.NumChildren} fields)");
        var element = Child(schema, index + 2, name);
        // Rule 3: a repeated group whose one field is repeated is a list element.
        if (element.Repetition == FieldRepetition.Repeated) Refuse(name, "a list of lists");
        // Rule 4: a group named array or <name>_tuple is a one-field struct element.
        if (repeated.Name == "array" || repeated.Name == name + "_tuple")
            Refuse(name, $"a list of one-field structs (the repeated group is named '{repeated.Name}')");
        // Rule 5: the repeated group's one field is the element, with its own repetition (the 3-level form).
        if (IsGroup(element)) Refuse(name, IsList(element) ? "a list of lists" : IsMap(element) ? "a list of maps" : "a list of structs");
        index += 3;
        return ParquetColumn.List(column, name, element, listOptional, element.Repetition == FieldRepetition.Optional);
    }

    private static SchemaElement Child(IReadOnlyList<SchemaElement> schema, int index, string column) =>
        index < schema.Count ? schema[index] : ParquetThrow.Corrupt<SchemaElement>($"column '{column}': the schema ends inside the column's group");

    private static bool IsGroup(SchemaElement e) => e.NumChildren > 0;

    private static bool IsList(SchemaElement e) => e.LogicalType?.Kind == LogicalTypeKind.List || e.ConvertedType == ConvertedType.List;

    private static bool IsMap(SchemaElement e) =>
        e.LogicalType?.Kind == LogicalTypeKind.Map || e.ConvertedType is ConvertedType.Map or ConvertedType.MapKeyValue;

    [DoesNotReturn]
    private static void Refuse(string column, string what) =>
        ParquetThrow.NotSupported($"column '{column}' is {what}; the reader reads lists of primitive values only — select the other columns, or write the column flattened or as a JSON string");
}
