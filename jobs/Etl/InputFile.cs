
namespace Kindling.Jobs.Etl;

/// <summary>
/// One input CSV file, read and checked (DATA-CONTRACT sections 2 and 6): records that do not parse, miss a
/// required value or break a business rule go to <c>rejects/source=FILE/dt=D/</c> with their line number,
/// raw text and reason; the rest come back as <see cref="Valid"/>, each with its <c>_line</c> number (the
/// dimension feeds apply changes in delivery order). The job fails in one line when the file is missing,
/// its header differs from the contract, or its rejects pass the threshold.
/// </summary>
internal sealed class InputFile
{
    public const string LineColumn = "_line";
    private const string CorruptColumn = "_corrupt_record";
    private const string ReasonColumn = "_reject_reason";

    private InputFile(string source, DataFrame valid, long rows, long rejected)
    {
        Source = source;
        Valid = valid;
        Rows = rows;
        Rejected = rejected;
    }

    /// <summary>The name rejects are filed under: the file name, prefixed with <c>init/</c> for the initial load.</summary>
    public string Source { get; }

    /// <summary>The valid records in file order, typed by the contract's schema, plus <see cref="LineColumn"/>.</summary>
    public DataFrame Valid { get; }

    public long Rows { get; }

    public long Rejected { get; }

    /// <param name="nullable">The columns the contract allows to be empty; every other column is required.</param>
    /// <param name="ruleViolation">The first business rule a parsed record breaks, as a string column (null when none).</param>
    public static InputFile Read(RunContext run, string path, string source, string ddl, IReadOnlyCollection<string> nullable, Column? ruleViolation)
    {
        CheckHeader(path, InputSchemas.ColumnNames(ddl));
        DataFrame parsed = Numbered(run.Spark.Read()
            .Option("header", true)
            .Option("mode", "PERMISSIVE")
            .Option("columnNameOfCorruptRecord", CorruptColumn)
            .Option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss'Z'")
            .Option("dateFormat", "yyyy-MM-dd")
            .Schema($"{ddl}, {CorruptColumn} string")
            .Csv(path), first: 2); // line 1 is the header

        Column reason = When(Col(CorruptColumn).IsNotNull(), "malformed record: wrong number of fields or a value that does not parse as its type");
        foreach (string column in InputSchemas.ColumnNames(ddl).Where(c => !nullable.Contains(c)))
            reason = reason.When(Col(column).IsNull(), $"missing required value: {column}");
        if (ruleViolation is not null) reason = reason.Otherwise(ruleViolation);
        DataFrame classified = parsed.WithColumn(ReasonColumn, reason).Cache();

        DataFrame rejects = classified.Filter(Col(ReasonColumn).IsNotNull()).Select(Col(LineColumn), Col(ReasonColumn)).Cache();
        long rows = classified.Count();
        long rejected = rejects.Count();
        WriteRejects(run, path, source, rejects);
        run.Log.WriteLine($"  {source,-22} {rows,9:N0} records {rejected,6:N0} rejected");
        if (rows > 0 && rejected > run.RejectThreshold * rows)
            throw new EtlException($"{path}: {rejected} of {rows} records rejected, over the threshold of {run.RejectThreshold:P1}; see {run.Layout.Rejects(source, run.RunDate)}");

        DataFrame valid = classified.Filter(Col(ReasonColumn).IsNull()).Drop(ReasonColumn, CorruptColumn).Cache();
        return new InputFile(source, valid, rows, rejected);
    }

    /// <summary>Numbers the rows of a single-file read in file order, starting at <paramref name="first"/>.</summary>
    public static DataFrame Numbered(DataFrame fileRows, int first)
    {
        const string id = "_row_id";
        return fileRows.WithColumn(id, Expr("monotonically_increasing_id()"))
            .WithColumn(LineColumn, RowNumber().Over(Window.OrderBy(id)) + (first - 1))
            .Drop(id);
    }

    /// <summary>Rejects with the exact raw line (read again as text), replacing this day's rejects of the file.</summary>
    public static void WriteRejects(RunContext run, string path, string source, DataFrame rejects)
    {
        DataFrame lines = Numbered(run.Spark.Read().Text(path), first: 1);
        rejects.Join(lines, LineColumn)
            .Select(Lit(source).As("source_file"), Col(LineColumn).As("line_number"), Col("value").As("raw_text"), Col(ReasonColumn).As("reason"))
            .OrderBy("line_number")
            .Coalesce(1)
            .Write().Mode(SaveMode.Overwrite).Option("header", true).Option("escape", "\"")
            .Csv(run.Layout.Rejects(source, run.RunDate));
    }

    public const string ReasonColumnName = ReasonColumn;

    private static void CheckHeader(string path, string[] expected)
    {
        if (!File.Exists(path)) throw new EtlException($"required input {path} is missing");
        string? header;
        using (var reader = new StreamReader(path))
            header = reader.ReadLine();
        string want = string.Join(",", expected);
        if (header != want)
            throw new EtlException($"{path}: header '{header}' does not match the contract's '{want}'");
    }
}
