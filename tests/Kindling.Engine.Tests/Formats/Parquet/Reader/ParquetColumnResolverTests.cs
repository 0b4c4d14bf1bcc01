using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Formats.Parquet.HandBuiltLists;

namespace Kindling.Engine.Tests.Formats.Parquet.Reader;

/// <summary>
/// The list forms of LogicalTypes.md's backward-compatibility rules read as array&lt;int&gt; with the list's
/// nullability, in v1 pages cut inside rows and in v2 pages; lists of lists, of structs and of maps, maps and
/// structs are refused, naming the column.
/// </summary>
public sealed class ParquetColumnResolverTests
{
    /// <summary>Each readable form: its schema elements, whether the list and its elements are optional.</summary>
    private static (SchemaElement[] Elements, bool ListOptional, bool ElementOptional) Form(string name) => name switch
    {
        "standard" => (Standard(), true, true),
        "standard-required" => (Standard(listOptional: false, elementOptional: false), false, false),
        // The repeated group and element under other names (Hive's bag/array_element; rule 5).
        "renamed" => ([Group("xs", FieldRepetition.Optional, 1, list: true), Group("bag", FieldRepetition.Repeated, 1), Int32("array_element", FieldRepetition.Optional)], true, true),
        // Rule 1: the 2-level form, a repeated primitive directly under the LIST group.
        "two-level" => ([Group("xs", FieldRepetition.Optional, 1, list: true), Int32("array", FieldRepetition.Repeated)], true, false),
        "two-level-required" => ([Group("xs", FieldRepetition.Required, 1, list: true), Int32("xs_tuple", FieldRepetition.Repeated)], false, false),
        // A repeated primitive outside any LIST: a required list of required elements.
        "bare-repeated" => ([Int32("xs", FieldRepetition.Repeated)], false, false),
        _ => throw new ArgumentException(name),
    };

    /// <summary>The sample rows a form can hold: no null lists in a required list, no null elements if they are required.</summary>
    private static int?[]?[] RowsFor(bool listOptional, bool elementOptional) =>
        [.. SampleRows.Select(r => r is null && !listOptional ? [] : r is null || elementOptional ? r : [.. r.Where(v => v is not null)])];

    [Theory]
    [InlineData("standard", false)]
    [InlineData("standard", true)]
    [InlineData("standard-required", false)]
    [InlineData("renamed", true)]
    [InlineData("two-level", false)]
    [InlineData("two-level-required", true)]
    [InlineData("bare-repeated", false)]
    public void Reads_the_form(string form, bool v2)
    {
        var (elements, listOptional, elementOptional) = Form(form);
        var rows = RowsFor(listOptional, elementOptional);
        using var dir = new TempDirectory();
        string path = dir.File("form.parquet");
        System.IO.File.WriteAllBytes(path, File(elements, rows, listOptional, elementOptional, v2));
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(new Field("xs", ColumnType.Array(ColumnType.Int32), listOptional), reader.Schema[0]);
        foreach (int batchRows in new[] { 1, 2, 3, 100 })
        {
            var read = Kindling.Engine.Tests.TestSupport.Rows.Of(reader.ReadBatches(batchRows: batchRows));
            Assert.Equal(rows.Length, read.Count);
            for (int i = 0; i < rows.Length; i++)
            {
                object?[]? expected = rows[i] is null ? null : [.. rows[i]!.Select(v => (object?)v)];
                Assert.Equal(expected, (object?[]?)read[i][0]);
            }
        }
    }

    [Theory]
    [InlineData("list-of-lists", "a list of lists")]
    [InlineData("rule-3", "a list of lists")]
    [InlineData("rule-2", "a list of structs")]
    [InlineData("rule-4-array", "one-field structs")]
    [InlineData("rule-4-tuple", "one-field structs")]
    [InlineData("list-of-structs", "a list of structs")]
    [InlineData("map", "is a map")]
    [InlineData("struct", "is a struct")]
    [InlineData("repeated-group", "a list of structs")]
    public void Refuses_nested_forms_naming_the_column(string form, string fragment)
    {
        SchemaElement[] elements = form switch
        {
            "list-of-lists" => [Group("xs", FieldRepetition.Optional, 1, list: true), Group("list", FieldRepetition.Repeated, 1),
                Group("element", FieldRepetition.Optional, 1, list: true), Group("list", FieldRepetition.Repeated, 1), Int32("element", FieldRepetition.Optional)],
            "rule-3" => [Group("xs", FieldRepetition.Optional, 1, list: true), Group("array", FieldRepetition.Repeated, 1, list: true), Int32("array", FieldRepetition.Repeated)],
            "rule-2" => [Group("xs", FieldRepetition.Optional, 1, list: true), Group("element", FieldRepetition.Repeated, 2), Int32("a", FieldRepetition.Required), Int32("b", FieldRepetition.Required)],
            "rule-4-array" => [Group("xs", FieldRepetition.Optional, 1, list: true), Group("array", FieldRepetition.Repeated, 1), Int32("str", FieldRepetition.Required)],
            "rule-4-tuple" => [Group("xs", FieldRepetition.Optional, 1, list: true), Group("xs_tuple", FieldRepetition.Repeated, 1), Int32("str", FieldRepetition.Required)],
            "list-of-structs" => [Group("xs", FieldRepetition.Optional, 1, list: true), Group("list", FieldRepetition.Repeated, 1), Group("element", FieldRepetition.Optional, 1), Int32("a", FieldRepetition.Required)],
            "map" => [new SchemaElement { Name = "xs", Repetition = FieldRepetition.Optional, NumChildren = 1, ConvertedType = ConvertedType.Map },
                Group("key_value", FieldRepetition.Repeated, 1), Int32("key", FieldRepetition.Required)],
            "struct" => [Group("xs", FieldRepetition.Optional, 1), Int32("a", FieldRepetition.Required)],
            _ => [Group("xs", FieldRepetition.Repeated, 1), Int32("a", FieldRepetition.Required)],
        };
        using var dir = new TempDirectory();
        string path = dir.File("nested.parquet");
        System.IO.File.WriteAllBytes(path, File(elements, [[1]], listOptional: true, elementOptional: false, v2: false));
        var e = Assert.Throws<NotSupportedException>(() => ParquetFileReader.Open(path));
        Assert.Contains("column 'xs'", e.Message);
        Assert.Contains(fragment, e.Message);
        Assert.Contains(path, e.Message);
    }
}
