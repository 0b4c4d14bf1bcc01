using Kindling.Vectors;

namespace Kindling.Benchmarks.Parquet;

/// <summary>
/// The warehouse orders table's shape with values from row-index formulas; the DuckDB side of the
/// end-to-end benchmark (orders-duckdb.mjs) builds the same rows with the same formulas in SQL.
/// </summary>
internal static class OrdersTable
{
    public static readonly Schema Schema = new([
        new Field("order_id", ColumnType.Int64, Nullable: false),
        new Field("prod_id", ColumnType.Int64),
        new Field("customer_id", ColumnType.Int64),
        new Field("company_id", ColumnType.Int64),
        new Field("quantity", ColumnType.Int32),
        new Field("prod_quote_price", ColumnType.Decimal(15, 4)),
        new Field("created_at", ColumnType.Timestamp),
        new Field("source", ColumnType.String),
        new Field("crm_lead_id", ColumnType.Int64),
    ]);

    private static readonly long BaseMicros = TemporalConstants.ToEpochMicros(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    private static readonly byte[] Direct = "direct"u8.ToArray(), Lead = "lead"u8.ToArray();

    public static List<ColumnBatch> Build(long rows, int batchRows = ColumnBatch.DefaultRowCount)
    {
        var batches = new List<ColumnBatch>();
        for (long first = 0; first < rows; first += batchRows)
        {
            int n = (int)Math.Min(batchRows, rows - first);
            var orderId = new long[n]; var prod = new long[n]; var customer = new long[n]; var company = new long[n];
            var quantity = new int[n]; var price = new long[n]; var created = new long[n]; var lead = new long[n];
            var source = new StringVectorBuilder(ColumnType.String, n, n * 6);
            var leadValidity = new ValidityBuilder();
            for (int k = 0; k < n; k++)
            {
                long i = first + k;
                orderId[k] = i + 1;
                prod[k] = i * 7919 % 5000 + 1;
                customer[k] = i * 104729 % 500000 + 1;
                company[k] = customer[k] % 5000 + 1;
                quantity[k] = (int)(i % 20) + 1;
                price[k] = (i * 31 % 200000 + 100) * 100;
                created[k] = BaseMicros + i * 3_000_000;
                bool isLead = i % 2 == 1;
                source.Append(isLead ? Lead : Direct);
                lead[k] = isLead ? i : 0;
                leadValidity.Append(isLead);
            }
            batches.Add(new ColumnBatch(Schema,
            [
                new PrimitiveVector<long>(ColumnType.Int64, orderId, n), new PrimitiveVector<long>(ColumnType.Int64, prod, n),
                new PrimitiveVector<long>(ColumnType.Int64, customer, n), new PrimitiveVector<long>(ColumnType.Int64, company, n),
                new PrimitiveVector<int>(ColumnType.Int32, quantity, n), new PrimitiveVector<long>(ColumnType.Decimal(15, 4), price, n),
                new PrimitiveVector<long>(ColumnType.Timestamp, created, n), source.Build(),
                new PrimitiveVector<long>(ColumnType.Int64, lead, n, leadValidity.Build(), leadValidity.NullCount),
            ], n));
        }
        return batches;
    }
}
