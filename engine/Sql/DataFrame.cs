using Kindling.Execution.Operators.Aggregate;
using Kindling.Execution.Operators.Join;
using Kindling.Execution.Planning;
using Kindling.Kernels.Compression;
using Kindling.Plan;
using Kindling.Plan.Analysis;
using Kindling.Plan.Expressions;
using Kindling.Plan.Logical;
using Kindling.Sql.Types;
using Kindling.Vectors;

namespace Kindling.Sql;

/// <summary>
/// A distributed collection of data organized into named columns. Transformations build an analyzed
/// logical plan lazily; actions (Show, Collect, Count, ...) optimize, plan and run it.
/// </summary>
public sealed class DataFrame
{
    private LogicalPlan _plan;
    private LogicalPlan? _uncached;

    internal DataFrame(SparkSession session, LogicalPlan plan)
    {
        Session = session;
        _plan = plan;
    }

    internal SparkSession Session { get; }

    internal LogicalPlan Plan => _plan;

    internal QueryExecution NewExecution() => new(_plan, Session.NewQueryContext());

    private DataFrame With(LogicalPlan plan) => new(Session, plan);

    /// <summary>Selects column based on the column name.</summary>
    public Column this[string columnName] => Col(columnName);

    /// <summary>Selects column based on the column name (bound to this DataFrame, so it stays unambiguous after joins).</summary>
    public Column Col(string colName)
    {
        if (colName == "*") return new Column(new UnresolvedAttribute("*"));
        return new Column(Analyzer.ResolveName(colName, _plan.Output));
    }

    /// <summary>Selects a set of column based expressions.</summary>
    public DataFrame Select(params Column[] columns) => With(Analyzer.BuildProject(_plan, [.. columns.Select(c => c.Expr)]));

    /// <summary>Selects a set of columns.</summary>
    public DataFrame Select(string column, params string[] columns) =>
        Select([.. new[] { column }.Concat(columns).Select(n => n == "*" ? new Column(new UnresolvedAttribute("*")) : Functions.Col(n))]);

    /// <summary>Selects a set of SQL expressions, e.g. "a + 1 AS b", "upper(name)", "*".</summary>
    public DataFrame SelectExpr(params string[] expressions) => Select([.. expressions.Select(e => new Column(SqlText.ParseSimpleExpression(e)))]);

    /// <summary>Filters rows using the given condition.</summary>
    public DataFrame Filter(Column condition)
    {
        return WithMissingReferences([condition.Expr], (exprs, plan) =>
        {
            var cond = Analyzer.RequireBoolean(exprs[0], "Filter");
            if (cond.Any(x => x is AggregateExpr or WindowExpr))
                PlanThrow.Analysis($"Filter condition {cond.PrettyName} cannot contain aggregate or window functions; compute them in Select/Agg first");
            return new Filter(cond, plan);
        });
    }

    /// <summary>
    /// Resolves <paramref name="exprs"/> against this DataFrame; when they name columns that a Select just
    /// dropped, adds those columns below and projects them away above (Catalyst's ResolveMissingReferences),
    /// so <c>df.Select("a").OrderBy("b")</c> works as in Spark.
    /// </summary>
    private DataFrame WithMissingReferences(IReadOnlyList<Expr> exprs, Func<IReadOnlyList<Expr>, LogicalPlan, LogicalPlan> build)
    {
        try
        {
            return With(build([.. exprs.Select(e => Analyzer.Resolve(e, _plan.Output))], _plan));
        }
        catch (AnalysisException) when (_plan is Project { Child: var child } project && !project.Projections.Any(p => p.Any(x => x is AggregateExpr or WindowExpr)))
        {
            var input = project.Output.Concat(child.Output.Where(c => !project.Output.Any(o => o.Id == c.Id))).ToList();
            List<Expr> resolved = [.. exprs.Select(e => Analyzer.Resolve(e, input))];
            var missing = resolved.SelectMany(e => e.References()).Where(a => !project.Output.Any(o => o.Id == a.Id)).DistinctBy(a => a.Id).ToList();
            var widened = new Project([.. project.Projections, .. missing], child);
            return With(new Project([.. project.Output], build(resolved, widened)));
        }
    }

    /// <summary>Filters rows using the given SQL expression, e.g. "age > 21 AND name IS NOT NULL".</summary>
    public DataFrame Filter(string conditionExpr) => Filter(new Column(SqlText.ParseCondition(conditionExpr)));

    /// <summary>Filters rows using the given condition. This is an alias for Filter().</summary>
    public DataFrame Where(Column condition) => Filter(condition);

    /// <summary>Filters rows using the given SQL expression. This is an alias for Filter(string).</summary>
    public DataFrame Where(string conditionExpr) => Filter(conditionExpr);

    /// <summary>Returns a new DataFrame by adding a column or replacing the existing column that has the same name.</summary>
    public DataFrame WithColumn(string colName, Column col)
    {
        var exprs = new List<Expr>();
        bool replaced = false;
        foreach (var a in _plan.Output)
        {
            if (string.Equals(a.Name, colName, StringComparison.OrdinalIgnoreCase))
            {
                exprs.Add(new Alias(col.Expr is Alias al ? al.Child : col.Expr, colName));
                replaced = true;
            }
            else exprs.Add(a);
        }
        if (!replaced) exprs.Add(new Alias(col.Expr is Alias al ? al.Child : col.Expr, colName));
        return With(Analyzer.BuildProject(_plan, exprs));
    }

    /// <summary>Returns a new DataFrame with a column renamed; a no-op when the schema does not contain existingName.</summary>
    public DataFrame WithColumnRenamed(string existingName, string newName)
    {
        if (!_plan.Output.Any(a => string.Equals(a.Name, existingName, StringComparison.OrdinalIgnoreCase))) return this;
        var exprs = _plan.Output.Select(a => string.Equals(a.Name, existingName, StringComparison.OrdinalIgnoreCase) ? (Expr)new Alias(a, newName) : a).ToList();
        return With(new Project(exprs, _plan));
    }

    /// <summary>Returns a new DataFrame with columns dropped; a no-op for names the schema lacks.</summary>
    public DataFrame Drop(params string[] colNames)
    {
        var kept = _plan.Output.Where(a => !colNames.Any(n => string.Equals(n, a.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        return kept.Count == _plan.Output.Count ? this : With(new Project([.. kept], _plan));
    }

    /// <summary>Returns a new DataFrame with a column dropped.</summary>
    public DataFrame Drop(Column col)
    {
        if (col.Expr is UnresolvedAttribute u) return Drop(u.Name);
        if (col.Expr is AttributeRef a)
        {
            var kept = _plan.Output.Where(x => x.Id != a.Id).ToList();
            return kept.Count == _plan.Output.Count ? this : With(new Project([.. kept], _plan));
        }
        return this;
    }

    /// <summary>Groups the DataFrame using the specified columns, so we can run aggregation on them.</summary>
    public RelationalGroupedDataset GroupBy(params Column[] columns) => new(this, [.. columns.Select(c => c.Expr)]);

    /// <summary>Groups the DataFrame using the specified columns.</summary>
    public RelationalGroupedDataset GroupBy(string column, params string[] columns) =>
        GroupBy([.. new[] { column }.Concat(columns).Select(Functions.Col)]);

    /// <summary>Aggregates on the entire DataFrame without groups.</summary>
    public DataFrame Agg(Column expr, params Column[] exprs) => GroupBy([]).Agg(expr, exprs);

    /// <summary>Join with another DataFrame (an inner join without a condition: a cross join).</summary>
    public DataFrame Join(DataFrame right) => With(new Join(_plan, Dedup(right._plan), JoinType.Inner, null));

    /// <summary>Inner equi-join with another DataFrame using the given column; the column appears once in the output.</summary>
    public DataFrame Join(DataFrame right, string usingColumn) => Join(right, [usingColumn], "inner");

    /// <summary>Equi-join with another DataFrame using the given columns (one copy of each in the output, first).</summary>
    public DataFrame Join(DataFrame right, IEnumerable<string> usingColumns, string joinType = "inner")
    {
        var type = ParseJoinType(joinType);
        var rightPlan = Dedup(right._plan);
        var names = usingColumns.ToList();
        var leftKeys = names.Select(n => (AttributeRef)Analyzer.ResolveName(n, _plan.Output)).ToList();
        var rightKeys = names.Select(n => (AttributeRef)Analyzer.ResolveName(n, rightPlan.Output)).ToList();
        var conds = leftKeys.Zip(rightKeys).Select(p => Analyzer.Resolve(new ComparisonExpr(ComparisonOp.Equal, p.First, p.Second), [.. _plan.Output, .. rightPlan.Output]));
        var join = new Join(_plan, rightPlan, type, LogicalExpr.And(conds));
        if (type is JoinType.LeftSemi or JoinType.LeftAnti) return With(join);
        var output = join.Output;
        AttributeRef Out(AttributeRef a) => output.First(o => o.Id == a.Id);
        var exprs = new List<Expr>();
        for (int i = 0; i < names.Count; i++)
        {
            var l = Out(leftKeys[i]);
            var r = Out(rightKeys[i]);
            exprs.Add(type switch
            {
                JoinType.RightOuter => r,
                JoinType.FullOuter => new Alias(Analyzer.Resolve(new UnresolvedFunction("coalesce", [l, r]), output), l.Name),
                _ => l,
            });
        }
        var leftIds = leftKeys.Select(k => k.Id).ToHashSet();
        var rightIds = rightKeys.Select(k => k.Id).ToHashSet();
        exprs.AddRange(output.Take(_plan.Output.Count).Where(a => !leftIds.Contains(a.Id)));
        exprs.AddRange(output.Skip(_plan.Output.Count).Where(a => !rightIds.Contains(a.Id)));
        return With(new Project(exprs, join));
    }

    /// <summary>Join with another DataFrame using the given join expression ("inner", "outer"/"full", "left", "right", "left_semi", "left_anti", "cross").</summary>
    public DataFrame Join(DataFrame right, Column joinExpr, string joinType = "inner")
    {
        var type = ParseJoinType(joinType);
        var rightPlan = Dedup(right._plan);
        var cond = Analyzer.RequireBoolean(Analyzer.Resolve(joinExpr.Expr, [.. _plan.Output, .. rightPlan.Output]), "Join");
        return With(new Join(_plan, rightPlan, type, cond));
    }

    /// <summary>Explicit cartesian join with another DataFrame.</summary>
    public DataFrame CrossJoin(DataFrame right) => With(new Join(_plan, Dedup(right._plan), JoinType.Cross, null));

    /// <summary>A self-join reads the same attributes twice; give the right side fresh ids (Catalyst's DeduplicateRelations).</summary>
    private LogicalPlan Dedup(LogicalPlan right)
    {
        var leftIds = _plan.Output.Select(a => a.Id).ToHashSet();
        if (!right.Output.Any(a => leftIds.Contains(a.Id))) return right;
        return new Project([.. right.Output.Select(a => (Expr)new Alias(a, a.Name))], right);
    }

    internal static JoinType ParseJoinType(string joinType) => joinType.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal) switch
    {
        "inner" => JoinType.Inner,
        "outer" or "full" or "fullouter" => JoinType.FullOuter,
        "left" or "leftouter" => JoinType.LeftOuter,
        "right" or "rightouter" => JoinType.RightOuter,
        "leftsemi" or "semi" => JoinType.LeftSemi,
        "leftanti" or "anti" => JoinType.LeftAnti,
        "cross" => JoinType.Cross,
        _ => throw new ArgumentException($"Unsupported join type '{joinType}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'."),
    };

    /// <summary>Returns a new DataFrame containing union of rows in this DataFrame and another DataFrame, by column position (UNION ALL).</summary>
    public DataFrame Union(DataFrame other)
    {
        if (other._plan.Output.Count != _plan.Output.Count)
            PlanThrow.Analysis($"[NUM_COLUMNS_MISMATCH] Union can only be performed on inputs with the same number of columns, but the first input has {_plan.Output.Count} columns and the second input has {other._plan.Output.Count} columns.");
        return With(UnionOf(_plan, other._plan));
    }

    private static LogicalPlan UnionOf(LogicalPlan a, LogicalPlan b)
    {
        var types = a.Output.Zip(b.Output).Select(p => TypeCoercion.CommonType([p.First.Type, p.Second.Type])
            ?? throw new AnalysisException($"[INCOMPATIBLE_COLUMN_TYPE] Union: column {p.First.Name} is {p.First.Type} in the first input and {p.Second.Type} in the second")).ToList();
        return new Plan.Logical.Union([CastTo(a, types), CastTo(b, types)]);
    }

    private static LogicalPlan CastTo(LogicalPlan p, List<ColumnType> types)
    {
        if (p.Output.Select((a, i) => a.Type == types[i]).All(x => x)) return p;
        return new Project([.. p.Output.Select((a, i) => a.Type == types[i] ? (Expr)a : new Alias(TypeCoercion.CastIfNeeded(a, types[i]), a.Name))], p);
    }

    /// <summary>Union by column name (columns of other are matched by name, not position).</summary>
    public DataFrame UnionByName(DataFrame other) => UnionByName(other, false);

    /// <summary>Union by column name; with allowMissingColumns, columns missing on either side are filled with nulls.</summary>
    public DataFrame UnionByName(DataFrame other, bool allowMissingColumns)
    {
        var left = _plan;
        var right = other._plan;
        var rightExprs = new List<Expr>();
        foreach (var a in left.Output)
        {
            var match = right.Output.FirstOrDefault(r => string.Equals(r.Name, a.Name, StringComparison.OrdinalIgnoreCase));
            if (match is not null) rightExprs.Add(match);
            else if (allowMissingColumns) rightExprs.Add(new Alias(new Literal(null, a.Type), a.Name));
            else PlanThrow.Analysis($"[UNRESOLVED_COLUMN] UnionByName: column `{a.Name}` is missing in the second input. Its columns: [{string.Join(", ", right.Output.Select(r => r.Name))}]");
        }
        var extra = right.Output.Where(r => !left.Output.Any(a => string.Equals(a.Name, r.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (extra.Count > 0 && !allowMissingColumns)
            PlanThrow.Analysis($"UnionByName: the second input has columns the first lacks: [{string.Join(", ", extra.Select(e => e.Name))}]; pass allowMissingColumns: true");
        if (extra.Count > 0)
        {
            left = new Project([.. left.Output, .. extra.Select(e => (Expr)new Alias(new Literal(null, e.Type), e.Name))], left);
            rightExprs.AddRange(extra);
        }
        return With(UnionOf(left, new Project(rightExprs, right)));
    }

    /// <summary>Returns a new DataFrame that contains only the unique rows from this DataFrame.</summary>
    public DataFrame Distinct() => With(new Aggregate([.. _plan.Output], [.. _plan.Output], _plan));

    /// <summary>Returns a new DataFrame that contains only the unique rows. This is an alias for Distinct().</summary>
    public DataFrame DropDuplicates() => Distinct();

    /// <summary>Returns a new DataFrame with duplicate rows removed, considering only the given columns (the first row of each group is kept).</summary>
    public DataFrame DropDuplicates(string col, params string[] cols)
    {
        var keys = new[] { col }.Concat(cols).Select(n => (AttributeRef)Analyzer.ResolveName(n, _plan.Output)).ToList();
        var keyIds = keys.Select(k => k.Id).ToHashSet();
        var aggs = _plan.Output.Select(a => keyIds.Contains(a.Id)
            ? (Expr)a
            : new Alias(new AggregateExpr(AggregateFunction.First, [a], a.Type, "first", ignoreNulls: false), a.Name)).ToList();
        return With(new Aggregate([.. keys], aggs, _plan));
    }

    /// <summary>Returns a new DataFrame sorted by the given expressions (ascending nulls first unless stated).</summary>
    public DataFrame OrderBy(params Column[] columns)
    {
        var exprs = columns.Select(c => c.Expr is SortOrder ? c.Expr : new SortOrder(c.Expr, true, true)).ToList();
        return WithMissingReferences(exprs, (resolved, plan) => new Sort([.. resolved.Cast<SortOrder>()], plan));
    }

    /// <summary>Returns a new DataFrame sorted by the given columns, ascending.</summary>
    public DataFrame OrderBy(string column, params string[] columns) => OrderBy([.. new[] { column }.Concat(columns).Select(Functions.Col)]);

    /// <summary>Returns a new DataFrame sorted by the given expressions. Same as OrderBy.</summary>
    public DataFrame Sort(params Column[] columns) => OrderBy(columns);

    /// <summary>Returns a new DataFrame sorted by the given columns. Same as OrderBy.</summary>
    public DataFrame Sort(string column, params string[] columns) => OrderBy(column, columns);

    /// <summary>Returns a new DataFrame by taking the first n rows.</summary>
    public DataFrame Limit(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The limit expression must be equal to or greater than 0");
        return With(new Limit(n, _plan));
    }

    /// <summary>Returns the number of rows in the DataFrame.</summary>
    public long Count()
    {
        // A global count(1): column pruning then reads as little as possible (one column of a file scan).
        var count = new AggregateExpr(AggregateFunction.CountAll, [], ColumnType.Int64, "count");
        var plan = new Aggregate([], [new Alias(count, "count")], _plan);
        foreach (var b in new QueryExecution(plan, Session.NewQueryContext()).Execute())
            if (b.RowCount > 0) return (long)b[0].GetObject(0)!;
        return 0;
    }

    /// <summary>Returns an array that contains all rows in this DataFrame.</summary>
    public IEnumerable<Row> Collect() => RowConverter.ToRows(NewExecution().Execute(), Schema()).ToList();

    /// <summary>Returns the first n rows.</summary>
    public IEnumerable<Row> Head(int n) => Limit(n).Collect();

    /// <summary>Returns the first row.</summary>
    public Row Head() => Head(1).FirstOrDefault() ?? throw new InvalidOperationException("Head() on an empty DataFrame: there is no first row");

    /// <summary>Returns the first row. Alias for Head().</summary>
    public Row First() => Head();

    /// <summary>Returns the first num rows as an array of Row.</summary>
    public IEnumerable<Row> Take(int num) => Head(num);

    /// <summary>Displays rows of the DataFrame in a tabular form (strings longer than truncate characters are cut; 0 keeps them whole).</summary>
    public void Show(int numRows = 20, int truncate = 20, bool vertical = false) =>
        Console.WriteLine(ShowString(numRows, truncate, vertical));

    internal string ShowString(int numRows, int truncate, bool vertical)
    {
        numRows = Math.Max(numRows, 0);
        var rows = RowConverter.ToRows(Limit(numRows + 1).NewExecution().Execute(), Schema()).ToList();
        return TableFormatter.Format(Columns(), rows, numRows, truncate, vertical);
    }

    /// <summary>
    /// Persists the DataFrame in memory: as in Spark, its rows are computed by the first action that needs them (on
    /// this DataFrame or one derived from it afterwards) and reused by later actions.
    /// </summary>
    public DataFrame Cache() => Persist();

    /// <summary>Persists the DataFrame in memory (same as Cache()).</summary>
    public DataFrame Persist()
    {
        if (_uncached is not null) return this;
        // Batches are immutable once produced (operators never write into a batch they handed out), so they are kept as they
        // are, except that string columns with few distinct values are dictionary encoded, as Spark's columnar cache does.
        var source = _plan;
        _uncached = source;
        _plan = LocalRelation.Persisted(source.Output, () =>
        {
            var context = Session.NewQueryContext();
            var batches = new QueryExecution(source, context).Execute().Where(b => b.RowCount > 0).ToList();
            return CachedStringDictionary.Compress(batches, context.DegreeOfParallelism);
        });
        return this;
    }

    /// <summary>Drops the cached rows; later actions compute them again.</summary>
    public DataFrame Unpersist(bool blocking = false)
    {
        if (_uncached is not null)
        {
            _plan = _uncached;
            _uncached = null;
        }
        return this;
    }

    /// <summary>
    /// Returns a DataFrame that has exactly <paramref name="numPartitions"/> partitions. Rows are not moved (each query
    /// runs on all cores); a write of one partition produces one part file (per partition folder), as in Spark.
    /// </summary>
    public DataFrame Repartition(int numPartitions) => With(new Plan.Logical.Repartition(numPartitions, shuffle: true, _plan));

    /// <summary>Returns a DataFrame partitioned by the given expressions into <paramref name="numPartitions"/> partitions (see Repartition(int)).</summary>
    public DataFrame Repartition(int numPartitions, params Column[] partitionExprs) => Repartition(numPartitions);

    /// <summary>Returns a DataFrame partitioned by the given expressions into spark.sql.shuffle.partitions partitions (see Repartition(int)).</summary>
    public DataFrame Repartition(params Column[] partitionExprs) =>
        Repartition(int.Parse(Session.Conf.Get("spark.sql.shuffle.partitions", "200"), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Returns a DataFrame that has exactly <paramref name="numPartitions"/> partitions, when fewer are requested (see Repartition(int)).</summary>
    public DataFrame Coalesce(int numPartitions) => With(new Plan.Logical.Repartition(numPartitions, shuffle: false, _plan));

    /// <summary>Interface for saving the content of the non-streaming DataFrame out into external storage.</summary>
    public DataFrameWriter Write() => new(this);

    /// <summary>Creates or replaces a local temporary view with this DataFrame (usable with SparkSession.Table).</summary>
    public void CreateOrReplaceTempView(string viewName) => Session.RegisterTempView(viewName, _plan);

    /// <summary>Returns the schema associated with this DataFrame.</summary>
    public StructType Schema() => StructType.FromSchema(_plan.OutputSchema);

    /// <summary>Returns all column names.</summary>
    public IReadOnlyList<string> Columns() => [.. _plan.Output.Select(a => a.Name)];
}
