using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.Model;
using Xunit.Abstractions;

namespace ScalpLang.Runtime.Tests;

/// <summary>
/// Replays a LOBSTER message file through <see cref="OrderBook"/> and compares the rebuilt book
/// with the orderbook file, row by row, under the rule documented on <see cref="Run"/>.
/// </summary>
internal sealed class LobsterReplay
{
    public int RowsCompared { get; private set; }

    /// <summary>Rows where every level of both sides was compared.</summary>
    public int RowsFullyCompared { get; private set; }

    /// <summary>Rows where one side's deepest level was revealed, so not compared.</summary>
    public int RowsWithRevealedLevel { get; private set; }

    public long LevelsCompared { get; private set; }

    public int UnknownOrderEvents { get; private set; }

    public List<string> Mismatches { get; } = [];

    public List<string> Rejections { get; } = [];

    /// <summary>
    /// The rule (the one <see cref="LobsterBookReplay"/> implements). A level-N message file
    /// holds only the events that touch the top N levels, and the file starts with orders
    /// already resting. So:
    /// <list type="number">
    /// <item>Seed: the book is set from orderbook row 1 (the state after message 1), each level
    /// as unattributed size; replay starts at message 2.</item>
    /// <item>Messages on order ids never added (placed before the file, or inside seeded or
    /// revealed size) take their size from their level's unattributed size: the aggregated
    /// level changes exactly as for a known order.</item>
    /// <item>After message i, row i is compared level by level (price and size, and the number
    /// of occupied levels) on both sides, top N levels.</item>
    /// <item>Exception: when message i (cancel, delete or execution) empties one of its side's
    /// top N levels, the level that moves up into place N comes from outside what the file
    /// shows. That side's level N is then not compared (for N = 1: that side not at all on that
    /// row; the revealed level must only lie beyond the emptied price), and after the comparison
    /// level N alone is taken from row i (<see cref="LobsterBookReplay.Reveal"/>).</item>
    /// </list>
    /// Nothing else is taken from the orderbook file.
    /// </summary>
    public void Run(string messagePath, Instrument instrument, ITestOutputHelper? output = null)
    {
        using var reader = new LobsterReader(messagePath, instrument, new LobsterReadOptions { ReadOrderBook = true });
        int depth = reader.Depth;
        var replay = new LobsterBookReplay(new OrderBook(), depth);
        var book = replay.Book;
        var ours = new BookLevel[depth];

        Assert.True(reader.Read(), reader.Error?.ToString() ?? "empty file");
        replay.Seed(reader.Asks, reader.Bids);

        while (reader.Read())
        {
            LobsterMessage message = reader.Message;
            Side? revealed = replay.Apply(message, out var outcome);
            switch (outcome)
            {
                case BookUpdateOutcome.Applied:
                    break;
                case BookUpdateOutcome.AppliedToUnattributed:
                    UnknownOrderEvents++;
                    break;
                default:
                    Rejections.Add($"line {message.Line}: {message} -> {outcome}");
                    break;
            }

            RowsCompared++;
            if (revealed is null)
                RowsFullyCompared++;
            else
                RowsWithRevealedLevel++;

            Compare(message.Line, book, Side.Sell, reader.Asks, revealed == Side.Sell ? depth - 1 : depth, depth, ours);
            Compare(message.Line, book, Side.Buy, reader.Bids, revealed == Side.Buy ? depth - 1 : depth, depth, ours);

            if (revealed is { } side)
            {
                var file = side == Side.Sell ? reader.Asks : reader.Bids;
                if (file.Length == depth)
                {
                    var newLevel = file[depth - 1].Price;
                    bool beyond = side == Side.Sell ? newLevel > message.Price : newLevel < message.Price;
                    if (!beyond)
                        Mismatches.Add($"line {message.Line}: revealed {side} level {newLevel} is not beyond the emptied {message.Price}");
                }
                replay.Reveal(side, file);
            }
            if (message.Line % 5000 == 0)
                book.Validate();
        }
        book.Validate();
        Assert.True(reader.Error is null, reader.Error?.ToString());
        output?.WriteLine(
            $"{Path.GetFileName(messagePath)}: {RowsCompared} rows compared ({RowsFullyCompared} fully, " +
            $"{RowsWithRevealedLevel} with one revealed level), {LevelsCompared} levels, " +
            $"{UnknownOrderEvents} events on orders never seen added");
    }

    private void Compare(long line, OrderBook book, Side side, ReadOnlySpan<BookLevel> file, int levels, int depth, BookLevel[] scratch)
    {
        int count = book.CopyLevels(side, scratch.AsSpan(0, depth));
        int fileCount = Math.Min(file.Length, levels), ourCount = Math.Min(count, levels);
        bool same = fileCount == ourCount;
        for (int i = 0; same && i < fileCount; i++)
            same = scratch[i] == file[i];
        LevelsCompared += levels;
        if (!same && Mismatches.Count < 20)
        {
            Mismatches.Add(
                $"line {line} {side}: file [{string.Join(' ', file[..fileCount].ToArray())}] " +
                $"book [{string.Join(' ', scratch[..ourCount])}]");
        }
    }
}
