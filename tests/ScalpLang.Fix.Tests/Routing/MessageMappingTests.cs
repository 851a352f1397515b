using ScalpLang.Backtest;
using ScalpLang.Fix.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>The FIX venue's messages field by field, both ways (instrument SYM: tick 0.01, lot 100 shares).</summary>
public sealed class MessageMappingTests
{
    private const string Ack = "37=V1|11=T-1|17=X1|150=0|39=0|55=SYM|54=1|38=300|40=2|44=100.01|151=300|14=0|6=0|";

    [Fact]
    public void A_limit_order_goes_out_as_NewOrderSingle_field_by_field()
    {
        var h = new VenueHarness();
        Assert.True(h.Venue.Submit(1, Side.Buy, 3, 10001, [], 7));
        var nos = h.Sent();
        Assert.Equal("D", VenueHarness.Field(nos, 35));
        Assert.Equal("T-1", VenueHarness.Field(nos, 11));
        Assert.Equal("SYM", VenueHarness.Field(nos, 55));
        Assert.Equal("1", VenueHarness.Field(nos, 54));
        Assert.Equal("300", VenueHarness.Field(nos, 38)); // 3 lots of 100 shares
        Assert.Equal("2", VenueHarness.Field(nos, 40));
        Assert.Equal("100.01", VenueHarness.Field(nos, 44)); // 10001 ticks of 0.01
        Assert.Equal("1", VenueHarness.Field(nos, 59)); // good till cancel
        Assert.Equal(h.Time, VenueHarness.Field(nos, 60));
        Assert.Equal(1, h.Venue.OpenOrders);
    }

    [Fact]
    public void A_market_order_has_no_price_and_is_immediate_or_cancel()
    {
        var h = new VenueHarness();
        h.Venue.Submit(1, Side.Sell, 2, null, [], 0);
        var nos = h.Sent();
        Assert.Equal(("2", "200", "1", null, "3"),
            (VenueHarness.Field(nos, 54), VenueHarness.Field(nos, 38), VenueHarness.Field(nos, 40), VenueHarness.Field(nos, 44), VenueHarness.Field(nos, 59)));
    }

    [Fact]
    public void A_second_market_order_on_a_side_waits_for_the_first()
    {
        var h = new VenueHarness();
        h.Venue.Submit(1, Side.Sell, 2, null, [], 0);
        h.Sent();
        h.Venue.Submit(2, Side.Sell, 2, null, [], 0);
        Assert.Empty(h.Transport.Sent);
        var denials = new List<string>();
        Assert.Equal(1, h.Venue.TakeRejections(denials));
        Assert.StartsWith("MARKET_ORDER_IN_FLIGHT", denials[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_fills_and_the_final_fill_are_booked_one_by_one_in_lots_and_ticks()
    {
        var h = new VenueHarness();
        h.Venue.Submit(1, Side.Buy, 3, 10001, [], 7);
        Assert.False(h.Execution(Ack));
        Assert.True(h.Execution("37=V1|11=T-1|17=X2|150=F|39=1|55=SYM|54=1|38=300|40=2|44=100.01|32=100|31=100.01|151=200|14=100|6=100.01|60=20260102-14:30:00.123456789|12=0.35|13=3|"));
        Assert.True(h.Execution("37=V1|11=T-1|17=X3|150=F|39=2|55=SYM|54=1|38=300|40=2|44=100.01|32=200|31=100.00|151=0|14=300|6=100.0033|"));
        var fills = new List<OwnFill>();
        h.Venue.Poll(2, fills);
        Assert.Equal(2, fills.Count);
        Assert.Equal(new OwnFill(1767364200123456789, Side.Buy, 10001, 1, 7, 0.35m, Done: false), fills[0]);
        Assert.Equal((Side.Buy, 10000L, 2L, 7L, true), (fills[1].Side, fills[1].PriceTicks, fills[1].Lots, fills[1].OrderId, fills[1].Done));
        Assert.Equal(0, h.Venue.OpenOrders);
        Assert.Equal(["X2", "X3"], h.Venue.Fills.Select(f => f.ExecId));
    }

    [Fact]
    public void A_repeated_ExecID_is_not_booked_twice()
    {
        var h = new VenueHarness();
        h.Venue.Submit(1, Side.Buy, 3, 10001, [], 0);
        const string Fill = "37=V1|11=T-1|17=X2|150=F|39=1|55=SYM|54=1|32=100|31=100.01|151=200|14=100|6=100.01|";
        Assert.True(h.Execution(Fill));
        Assert.False(h.Execution(Fill));
        Assert.Single(h.Venue.Fills);
        Assert.Equal(1, h.Venue.ReportsIgnored);
    }

    [Fact]
    public void A_rejected_order_becomes_a_denial_with_the_venue_text()
    {
        var h = new VenueHarness();
        h.Venue.Submit(1, Side.Buy, 3, 10001, [], 0);
        Assert.True(h.Execution("37=NONE|11=T-1|17=X1|150=8|39=8|103=99|55=SYM|54=1|151=0|14=0|6=0|58=PRICE_OUTSIDE_BAND: price=10001|"));
        var denials = new List<string>();
        Assert.Equal(1, h.Venue.TakeRejections(denials));
        Assert.Equal("VENUE_REJECTED: PRICE_OUTSIDE_BAND: price=10001", denials[0]);
        Assert.Equal(0, h.Venue.OpenOrders);
    }

    [Fact]
    public void Cancel_all_sends_one_OrderCancelRequest_per_open_order_and_the_Canceled_reports_close_them()
    {
        var h = new VenueHarness();
        h.Venue.Submit(1, Side.Buy, 3, 10001, [], 0);
        h.Venue.Submit(1, Side.Sell, 1, 10005, [], 0);
        h.Sent();
        h.Sent();
        h.Execution(Ack);
        h.Venue.CancelAll(2);
        var first = h.Sent();
        var second = h.Sent();
        Assert.Equal(("F", "T-1", "T-3", "V1", "1", "300", "SYM"), (VenueHarness.Field(first, 35), VenueHarness.Field(first, 41),
            VenueHarness.Field(first, 11), VenueHarness.Field(first, 37), VenueHarness.Field(first, 54), VenueHarness.Field(first, 38), VenueHarness.Field(first, 55)));
        Assert.Equal(("F", "T-2", "T-4", null), (VenueHarness.Field(second, 35), VenueHarness.Field(second, 41), VenueHarness.Field(second, 11), VenueHarness.Field(second, 37)));
        h.Venue.CancelAll(3); // cancels are pending: nothing new goes out
        Assert.Empty(h.Transport.Sent);
        h.Execution("37=V1|11=T-3|41=T-1|17=X5|150=4|39=4|55=SYM|54=1|151=0|14=0|6=0|");
        Assert.Equal(1, h.Venue.OpenOrders);
    }

    [Fact]
    public void A_cancel_reject_keeps_the_order_open_unless_the_venue_says_it_is_gone()
    {
        var h = new VenueHarness();
        h.Venue.Submit(1, Side.Buy, 3, 10001, [], 0);
        h.Venue.Submit(1, Side.Buy, 1, 10000, [], 0);
        h.Venue.CancelAll(2);
        h.Receive("9", "37=V1|11=T-3|41=T-1|39=0|434=1|102=3|58=a cancel is already pending|");
        h.Venue.Apply(Assert.IsType<CancelRejectReceived>(h.Taken()).Reject);
        Assert.Equal(2, h.Venue.OpenOrders);
        h.Receive("9", "37=NONE|11=T-4|41=T-2|39=8|434=1|102=1|58=unknown order T-2|");
        var reject = Assert.IsType<CancelRejectReceived>(h.Taken()).Reject;
        Assert.Equal(("T-4", "T-2", '8', false, 1), (reject.ClOrdId, reject.OrigClOrdId, reject.OrdStatus, reject.ForReplace, reject.Reason));
        h.Venue.Apply(reject);
        Assert.Equal(1, h.Venue.OpenOrders);
        Assert.Equal(2, h.Venue.CancelRejects);
    }

    [Fact]
    public void Replace_sends_OrderCancelReplaceRequest_and_the_Replaced_report_gives_the_order_its_new_id()
    {
        var h = new VenueHarness();
        h.Venue.Submit(1, Side.Buy, 3, 10001, [], 0);
        h.Sent();
        h.Execution(Ack);
        var newId = h.Venue.Replace("T-1", 2, 10003);
        Assert.Equal("T-2", newId);
        var g = h.Sent();
        Assert.Equal(("G", "T-1", "T-2", "V1", "200", "100.03", "2"), (VenueHarness.Field(g, 35), VenueHarness.Field(g, 41), VenueHarness.Field(g, 11),
            VenueHarness.Field(g, 37), VenueHarness.Field(g, 38), VenueHarness.Field(g, 44), VenueHarness.Field(g, 40)));
        h.Execution("37=V1|11=T-2|41=T-1|17=X9|150=5|39=0|55=SYM|54=1|38=200|44=100.03|151=200|14=0|6=0|");
        Assert.True(h.Venue.Cancel("T-2"));
        Assert.Equal("T-2", VenueHarness.Field(h.Sent(), 41));
        Assert.False(h.Venue.Cancel("T-1")); // the old id is gone
    }

    [Fact]
    public void A_report_for_an_unknown_ClOrdID_is_ignored_and_noted()
    {
        var h = new VenueHarness();
        Assert.False(h.Execution("37=V9|11=NOT-OURS|17=X1|150=F|39=2|55=SYM|54=1|32=100|31=100.01|151=0|14=100|6=100.01|"));
        var fills = new List<OwnFill>();
        h.Venue.Poll(1, fills);
        Assert.Empty(fills);
        Assert.Equal(1, h.Venue.ReportsIgnored);
        Assert.Contains("unknown ClOrdID NOT-OURS", h.Venue.Notes[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("31=100.005|", "LastPx(31): price 100.005 is not on the tick grid of SYM (tick size 0.01)")]
    [InlineData("32=150|", "LastQty(32): quantity 150 is not a whole number of lots of SYM (lot size 100)")]
    [InlineData("55=OTHER|", "report for symbol OTHER, but this venue trades SYM")]
    public void A_report_that_cannot_be_booked_exactly_halts_instead_of_guessing(string change, string expected)
    {
        var h = new VenueHarness();
        var fields = new Dictionary<string, string> { ["37"] = "V1", ["11"] = "T-1", ["17"] = "X2", ["150"] = "F", ["39"] = "1", ["55"] = "SYM", ["54"] = "1",
            ["32"] = "100", ["31"] = "100.01", ["151"] = "200", ["14"] = "100", ["6"] = "100.01" };
        var (tag, value) = (change.Split('=')[0], change.Split('=')[1].TrimEnd('|'));
        fields[tag] = value;
        h.Receive("8", string.Concat(fields.Select(f => $"{f.Key}={f.Value}|")));
        var problem = Assert.IsType<ProtocolProblem>(h.Taken());
        Assert.Contains(expected, problem.Text, StringComparison.Ordinal);
        Assert.True(problem.Halts);
    }

    [Fact]
    public void A_garbled_field_is_refused_by_the_session_and_the_run_learns_a_report_was_lost()
    {
        var h = new VenueHarness();
        // LastPx is a PRICE: the dictionary rejects 'abc' (Reject 373=6); the report never reaches
        // the reader, but the application hears of the Reject, and a lost report halts new orders.
        h.Receive("8", "37=V1|11=T-1|17=X2|150=F|39=1|55=SYM|54=1|32=100|31=abc|151=200|14=100|6=100.01|");
        var reject = h.Sent();
        Assert.Equal(("3", "6", "31"), (VenueHarness.Field(reject, 35), VenueHarness.Field(reject, 373), VenueHarness.Field(reject, 371)));
        var problem = Assert.IsType<ProtocolProblem>(Assert.Single(h.Application.Inbound));
        Assert.True(problem.Halts);
        Assert.StartsWith("our session rejected a 8 (MsgSeqNum ", problem.Text);
        Assert.EndsWith("(tag 31)", problem.Text);
    }

    [Fact]
    public void Unknown_fields_in_a_report_are_ignored_by_the_reader()
    {
        var message = new Codec.FixMessage();
        var text = "8=FIX.4.4|35=8|34=2|49=ISLD|52=20261125-14:30:00.000|56=TW|37=V1|11=T-1|17=X2|150=F|39=1|55=SYM|54=1|32=100|31=100.01|151=200|14=100|6=100.01|9876=zz|5001=yy|";
        Assert.True(new Codec.FixParser().TryParse(Infrastructure.FixText.Decorate(text), message, out _));
        Assert.True(ExecutionReportReader.TryRead(message, new WireUnits(new Instrument("SYM", 0.01m, 100m, "USD")), out var report, out var error), error);
        Assert.Equal((ExecutionKind.Trade, 1L, 10001L, 2L, 1L, 100.01m, "X2", "V1", '1'),
            (report!.Kind, report.LastLots, report.LastPriceTicks, report.LeavesLots, report.CumLots, report.AveragePrice, report.ExecId, report.OrderId, report.OrdStatus));
        Assert.False(report.Closes);
    }

    [Fact]
    public void Missing_required_fields_are_named()
    {
        var message = new Codec.FixMessage();
        var text = "8=FIX.4.4|35=8|34=2|49=ISLD|52=20261125-14:30:00.000|56=TW|37=V1|17=X2|150=F|39=1|55=SYM|54=1|32=100|31=100.01|151=200|14=100|6=100.01|";
        Assert.True(new Codec.FixParser().TryParse(Infrastructure.FixText.Decorate(text), message, out _));
        Assert.False(ExecutionReportReader.TryRead(message, new WireUnits(new Instrument("SYM", 0.01m, 100m, "USD")), out _, out var error));
        Assert.Equal("ExecutionReport X2 without ClOrdID(11)", error);
    }

    [Fact]
    public void The_kill_switch_stops_orders_and_replaces_at_the_wire_but_not_cancels()
    {
        var h = new VenueHarness();
        var strategy = Strategies.Compile("strategy K\ninstrument \"SYM\" tick 0.01 lot 100 currency USD\nbook depth 1\nrule r priority 1 when spread >= 1 tick => buy 1 lot at bid\n");
        h.Venue.Risk = new Runtime.Trading.RiskEngine(strategy.Metadata, strategy.ParameterValues);
        h.Venue.Submit(1, Side.Buy, 3, 10001, [], 0);
        h.Sent();
        h.Venue.Risk.Kill(2, "test");
        h.Venue.Submit(3, Side.Buy, 1, 10000, [], 0);
        Assert.Null(h.Venue.Replace("T-1", 1, 10000));
        Assert.Empty(h.Transport.Sent);
        h.Venue.CancelAll(4);
        Assert.Equal("F", VenueHarness.Field(h.Sent(), 35));
        var denials = new List<string>();
        h.Venue.TakeRejections(denials);
        Assert.StartsWith("KILL_SWITCH_ENGAGED", Assert.Single(denials), StringComparison.Ordinal);
    }

    [Fact]
    public void MarketDataRequest_subscribes_to_bids_offers_and_trades_at_full_depth()
    {
        var w = OrderMessages.MarketDataSubscribe(new Codec.FixMessageWriter(), "FIX.4.4", "R1", "SYM");
        var text = w.ToString();
        Assert.Equal(("V", "R1", "1", "0", "1", "3", "1", "SYM"), (VenueHarness.Field(text, 35), VenueHarness.Field(text, 262), VenueHarness.Field(text, 263),
            VenueHarness.Field(text, 264), VenueHarness.Field(text, 265), VenueHarness.Field(text, 267), VenueHarness.Field(text, 146), VenueHarness.Field(text, 55)));
        Assert.Equal(["0", "1", "2"], VenueHarness.Fields(text, 269));
    }
}
