using System.Globalization;
using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>An order the interop tests send; Price null is a market order (OrdType 1).</summary>
public sealed record InteropOrder(string ClOrdId, string Symbol, char Side, decimal Qty, decimal? Price)
{
    public char OrdType => Price is null ? '1' : '2';

    /// <summary>The argument form the QuickFIX initiator takes: ClOrdID:Symbol:Side:OrderQty:OrdType[:Price].</summary>
    public string Spec => string.Create(CultureInfo.InvariantCulture, $"{ClOrdId}:{Symbol}:{Side}:{Qty}:{OrdType}{(Price is { } p ? ":" + p : "")}");

    public FixMessageWriter Write(FixMessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin("FIX.4.4", "D").Field(11, ClOrdId).Field(55, Symbol).Field(54, Side).Timestamp(60, DateTime.UtcNow)
            .Field(38, Qty).Field(40, OrdType);
        if (Price is { } price)
            writer.Field(44, price);
        return writer;
    }
}

/// <summary>The orders and the checks shared by both directions: every order acknowledged (New) then filled in full.</summary>
public static class InteropOrders
{
    /// <summary>Market orders fill at this price, on both executors.</summary>
    public const decimal MarketPrice = 99.5m;

    /// <summary>Limit and market, buy and sell.</summary>
    public static readonly InteropOrder[] Five =
    [
        new("ORD-1", "AAPL", '1', 100, 187.25m),
        new("ORD-2", "MSFT", '2', 250, null),
        new("ORD-3", "IBM", '1', 10, null),
        new("ORD-4", "TSLA", '2', 35, 242.5m),
        new("ORD-5", "AAPL", '1', 1, 0.01m),
    ];

    /// <summary>
    /// Checks the ExecutionReports (in arrival order) field by field: two per order, New then a
    /// full fill at the limit price or <see cref="MarketPrice"/>, nothing else.
    /// </summary>
    public static void CheckFills(IReadOnlyList<InteropOrder> orders, IReadOnlyList<FixFields> reports)
    {
        Assert.All(reports, r => Assert.Equal("8", r.MsgType));
        Assert.True(reports.Count == 2 * orders.Count, $"expected {2 * orders.Count} ExecutionReports, got {reports.Count}:\n{string.Join('\n', reports)}");
        foreach (var order in orders)
        {
            var mine = reports.Where(r => r[11] == order.ClOrdId).ToList();
            Assert.True(mine.Count == 2, $"{order.ClOrdId}: expected 2 ExecutionReports, got {mine.Count}");
            var (ack, fill) = (mine[0], mine[1]);
            var px = order.Price ?? MarketPrice;
            foreach (var r in mine)
            {
                Expect(r, 55, order.Symbol);
                Expect(r, 54, order.Side.ToString());
                ExpectDecimal(r, 38, order.Qty);
                Expect(r, 40, order.OrdType.ToString());
                ExpectDecimal(r, 44, order.Price);
            }
            Expect(ack, 150, "0");
            Expect(ack, 39, "0");
            ExpectDecimal(ack, 14, 0);
            ExpectDecimal(ack, 151, order.Qty);
            ExpectDecimal(ack, 32, null);
            ExpectDecimal(ack, 31, null);
            ExpectDecimal(ack, 6, 0);
            Expect(fill, 150, "F");
            Expect(fill, 39, "2");
            ExpectDecimal(fill, 14, order.Qty);
            ExpectDecimal(fill, 151, 0);
            ExpectDecimal(fill, 32, order.Qty);
            ExpectDecimal(fill, 31, px);
            ExpectDecimal(fill, 6, px);
            Assert.True(ack[37] is { Length: > 0 } && ack[37] == fill[37], $"{order.ClOrdId}: OrderID differs: {ack[37]} / {fill[37]}");
            Assert.True(ack[17] is { Length: > 0 } && ack[17] != fill[17], $"{order.ClOrdId}: ExecIDs not distinct: {ack[17]} / {fill[17]}");
            Assert.True(ack.SeqNum < fill.SeqNum, $"{order.ClOrdId}: the fill came before the New");
        }
    }

    /// <summary>MsgSeqNums run from <paramref name="first"/> without gaps or repeats.</summary>
    public static void CheckConsecutive(IEnumerable<FixFields> messages, int first, string what)
    {
        var seqs = messages.Select(m => m.SeqNum).ToList();
        Assert.True(seqs.SequenceEqual(Enumerable.Range(first, seqs.Count)), $"{what}: MsgSeqNums {string.Join(',', seqs)} do not run from {first}");
    }

    private static void Expect(FixFields r, int tag, string expected) =>
        Assert.True(r[tag] == expected, $"{r[11]} {tag}: expected '{expected}', got '{r[tag] ?? "(absent)"}' in {r}");

    private static void ExpectDecimal(FixFields r, int tag, decimal? expected) =>
        Assert.True(r.Decimal(tag) == expected, $"{r[11]} {tag}: expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "(absent)"}, got '{r[tag] ?? "(absent)"}' in {r}");
}
