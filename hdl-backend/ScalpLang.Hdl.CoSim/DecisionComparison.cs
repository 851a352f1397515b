using System.Buffers;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// The simulator's decision file against the host's decisions, streamed: each line is parsed in
/// place from a byte buffer and compared at once, so a million evaluations cost no list and no
/// string per line. Probe lines (<c># ...</c>) and lines that are not a decision are skipped, as
/// <see cref="Simulator.Run"/> skips them. Mismatches = evaluations that differ over the common
/// prefix + the difference in count; the first is the earliest differing or missing evaluation.
/// </summary>
public static class DecisionComparison
{
    /// <param name="Simulated">Decision lines the simulator wrote.</param>
    /// <param name="First">The first mismatching evaluation, or -1.</param>
    /// <param name="SimulatedAtFirst">The simulator's decision at <paramref name="First"/>, when it wrote one.</param>
    public sealed record Result(long Simulated, long Mismatches, long First, EventDecision? SimulatedAtFirst);

    public static Result Compare(IReadOnlyList<EventDecision> expected, string decisionsPath)
    {
        long simulated = 0;
        long mismatches = 0;
        long first = -1;
        EventDecision? atFirst = null;
        using var stream = new FileStream(decisionsPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var filled = 0;
            while (true)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                var start = 0;
                while (true)
                {
                    var newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start);
                    // The last line may lack its newline: take it once the file is done.
                    var end = newline >= 0 ? newline : read == 0 && start < filled ? filled : -1;
                    if (end < 0)
                        break;
                    var line = buffer.AsSpan(start, end - start);
                    start = Math.Min(end + 1, filled);
                    if (line.IsEmpty || line[0] == (byte)'#' || !EventDecision.TryParse(line, out _, out var decision))
                        continue;
                    if (simulated < expected.Count && expected[(int)simulated] != decision)
                    {
                        mismatches++;
                        if (first < 0)
                            (first, atFirst) = (simulated, decision);
                    }
                    simulated++;
                }
                if (read == 0)
                    break;
                // Keep the partial line; a line longer than the buffer is not a decision line, so it is dropped.
                var rest = filled - start;
                if (rest == buffer.Length)
                    rest = 0;
                Array.Copy(buffer, filled - rest, buffer, 0, rest);
                filled = rest;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (simulated != expected.Count)
        {
            mismatches += Math.Abs(expected.Count - simulated);
            var missing = Math.Min(expected.Count, simulated);
            if (first < 0 || missing < first)
                (first, atFirst) = (missing, null);
        }
        return new Result(simulated, mismatches, first, atFirst);
    }
}
