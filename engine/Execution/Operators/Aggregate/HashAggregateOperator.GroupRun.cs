using Kindling.Kernels.Aggregates;
using Kindling.Kernels.Hashing;

namespace Kindling.Execution.Operators.Aggregate;

internal sealed partial class HashAggregateOperator
{
    /// <summary>
    /// Groups set aside by a worker, ordered by merge partition: partition p's groups are
    /// [<see cref="Starts"/>[p], <see cref="Starts"/>[p + 1]). Keys are row-major words in
    /// <see cref="Encoder"/>'s string ids, with their hashes and the groups' aggregate states.
    /// </summary>
    private sealed class GroupRun(GroupKeyEncoder encoder, ulong[] keys, ulong[] hashes, AggregateState[] states, int[] starts)
    {
        public GroupKeyEncoder Encoder { get; } = encoder;

        public ulong[] Keys { get; } = keys;

        public ulong[] Hashes { get; } = hashes;

        public AggregateState[] States { get; } = states;

        public int[] Starts { get; } = starts;

        public int Count => Starts[^1];

        public long MemoryBytes => Keys.Length * 8L + Hashes.Length * 8L + States.Sum(s => s.MemoryBytes);
    }
}
