using Kindling.Kernels.Hashing;
using Kindling.Vectors;

namespace Kindling.Execution.Operators.Join;

/// <summary>
/// The hashed right input of a hash join: its rows in one batch, the key encoder and hash table, and the rows
/// of each key. The <see cref="JoinKeyTable"/> is filled on all threads and maps a key to the row its slot
/// names, which stands for the key's group: when no key repeats (a dimension table) that is the matching row and
/// no chains are kept; otherwise each group's rows are chained in build order. A single string key needs no
/// table: the encoder already gives each distinct string a dense id, which is the group. Null keys join nothing.
/// </summary>
internal sealed class JoinBuildSide
{
    private readonly int[]? _head; // first row of each group, -1 for no row
    private readonly int[]? _next; // the following row of the same group, -1 at the end

    private JoinBuildSide(ColumnBatch batch, GroupKeyEncoder encoder, JoinKeyTable? table, int[]? head, int[]? next)
    {
        Batch = batch;
        Encoder = encoder;
        Table = table;
        _head = head;
        _next = next;
    }

    public ColumnBatch Batch { get; }

    public GroupKeyEncoder Encoder { get; }

    /// <summary>Key words to groups; null for a single string key, whose string ids are the groups.</summary>
    private JoinKeyTable? Table { get; }

    /// <summary>Bytes of the hash table, key encoder and row chains (besides the rows in <see cref="Batch"/>).</summary>
    public long TableBytes => (Table?.MemoryBytes ?? 0) + Encoder.MemoryBytes + 4L * ((_head?.Length ?? 0) + (_next?.Length ?? 0));

    /// <summary>No build row's key repeats another's: group g is row g.</summary>
    public bool UniqueKeys => _head is null;

    /// <summary>The first build row of <paramref name="group"/> (-1 when its key is null).</summary>
    public int FirstRow(int group) => _head is null ? group : _head[group];

    /// <summary>The build row after <paramref name="row"/> with the same key, or -1.</summary>
    public int NextRow(int row) => _next is null ? -1 : _next[row];

    public static JoinBuildSide Create(ColumnBatch build, int[] keyColumns, int threads)
    {
        int rows = build.RowCount;
        Schema schema = build.Schema;
        var encoder = new GroupKeyEncoder(keyColumns.Select(k => schema[k].Type).ToArray(), keyColumns.Select(_ => true).ToArray());
        int width = encoder.Width;
        var words = new ulong[Math.Max(1, rows) * width];
        var invalid = new byte[rows];
        var groups = new int[rows];
        encoder.Encode(GroupKeyEncoder.Select(build, keyColumns, new ColumnVector[keyColumns.Length]), rows, words, lookupOnly: false, invalid);
        JoinKeyTable? table = null;
        int groupCount;
        if (encoder.IsSingleString)
        {
            groupCount = encoder.SingleStringCount;
            for (int r = 0; r < rows; r++) groups[r] = invalid[r] != 0 ? -1 : encoder.StringId(words[r]);
        }
        else
        {
            var hashes = new ulong[rows];
            HashInParallel(words, width, rows, hashes, threads);
            (table, bool repeats) = JoinKeyTable.Build(words, hashes, width, rows, invalid, groups, threads);
            if (!repeats) return new JoinBuildSide(build, encoder, table, null, null);
            groupCount = rows; // a group is named by the row its key's slot holds
        }

        var head = new int[groupCount];
        Array.Fill(head, -1);
        var next = new int[rows];
        bool chained = false;
        // Insert in reverse so each chain lists its rows in build order.
        for (int r = rows - 1; r >= 0; r--)
        {
            int g = groups[r];
            if (g < 0) { next[r] = -1; continue; }
            next[r] = head[g];
            chained |= head[g] >= 0;
            head[g] = r;
        }
        return new JoinBuildSide(build, encoder, table, head, chained ? next : null);
    }

    private static void HashInParallel(ulong[] words, int width, int rows, ulong[] hashes, int threads)
    {
        const int chunk = 1 << 16;
        if (threads <= 1 || rows <= chunk) { KeyHash.HashWords(words, width, rows, hashes); return; }
        Parallel.For(0, (rows + chunk - 1) / chunk, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            int start = c * chunk, n = Math.Min(chunk, rows - start);
            KeyHash.HashWords(words.AsSpan(start * width, n * width), width, n, hashes.AsSpan(start, n));
        });
    }

    /// <summary>
    /// Finds the build group of each probe key encoded (lookup only) into <paramref name="words"/>: -1 for rows
    /// with <paramref name="invalid"/> set (a null key, or a string the build side does not hold) and for misses.
    /// </summary>
    public void Find(ulong[] words, ulong[] hashes, int rows, byte[] invalid, int[] groups)
    {
        if (Table is null)
        {
            for (int i = 0; i < rows; i++) groups[i] = invalid[i] != 0 ? -1 : Encoder.StringId(words[i]);
            return;
        }
        KeyHash.HashWords(words, Encoder.Width, rows, hashes);
        Table.Find(words, hashes, rows, invalid, groups);
    }
}
