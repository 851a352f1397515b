using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Trading;

namespace ScalpLang.Backtest.Tests;

/// <summary>End-to-end replays (synthetic, GOOG) and hand-built sequences for the kill switch, limits and accounting.</summary>
public sealed class BacktestTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "examples"), "*.scalp").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    private static CompiledStrategy Compile(string text, string path = "t.scalp", string? fullPath = null)
    {
        // Model blocks are read with the ML.NET reader, as the CLI does (paths relative to the file).
        var program = FrontEnd.Check(SourceText.From(text, path, fullPath), models: new Ml.MlModelReader());
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        return strategy;
    }

    private static CompiledStrategy Example(string file) =>
        Compile(File.ReadAllText(Path.Combine(Root, "examples", file)), file, Path.Combine(Root, "examples", file));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_backtests_on_synthetic_data_deterministically(string file)
    {
        string Run()
        {
            var strategy = Example(file);
            strategy.Start();
            Assert.True(DataSpec.TryParse("synthetic:seed=3,events=60000", out var data, out _));
            var summary = BacktestRunner.Run(strategy, data, out var error);
            Assert.Null(error);
            Assert.Equal(60_000, summary.Events);
            return summary.ToJson(includeTiming: false);
        }
        Assert.Equal(Run(), Run());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_backtests_on_the_goog_day(string file)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Root)!, "shared", "data", "lobster", "GOOG_2012-06-21_1");
        var message = Directory.Exists(folder) ? Directory.GetFiles(folder, "*message*.csv").FirstOrDefault() : null;
        if (message is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing LOBSTER GOOG data under {folder}");
            return; // ../shared is not beside this checkout: nothing to replay
        }
        var strategy = Example(file);
        strategy.Start();
        var summary = BacktestRunner.Run(strategy, new DataSpec(DataKind.Lobster, message), out var error);
        Assert.Null(error);
        Assert.Equal(49_481, summary.Events); // every message after the one the book is seeded from
        Assert.Equal(summary.GrossPnl, summary.NetPnl);
    }

    /// <summary>Replaces the one bid and one ask in the book: adds the new quote, then deletes the old.</summary>
    [Fact]
    public void Tardis_trades_and_quotes_merge_by_time_into_a_backtest()
    {
        var folder = Path.Combine(Path.GetDirectoryName(Root)!, "shared", "data", "tardis");
        var trades = Path.Combine(folder, "binance-futures_trades_BTCUSDT_first10k.csv");
        var quotes = Path.Combine(folder, "binance-futures_quotes_BTCUSDT_first10k.csv");
        if (!File.Exists(trades) || !File.Exists(quotes))
        {
            Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing Tardis data under {folder}");
            return; // ../shared is not beside this checkout
        }
        var strategy = Compile("strategy B\ninstrument \"BTCUSDT\" tick 0.01 lot 0.001 currency USD\nbook depth 1\n" +
                               "rule long priority 1 when aggressor_ratio(window: 2s) > 0.7 => buy 10 lots at market\n" +
                               "exit take_profit 50 ticks\nexit stop_loss 50 ticks\nrisk max_position 30 lots\n");
        strategy.Start();
        var summary = BacktestRunner.Run(strategy, new DataSpec(DataKind.Tardis, $"{trades},{quotes}"), out var error);
        Assert.Null(error);
        Assert.Equal(19_998, summary.Events); // one event per row: 9,999 trades + 9,999 quotes
        Assert.True(summary.Fills > 0);

        // The same data against a strategy whose tick does not fit it: a clear row error.
        var coarse = Compile("strategy C\ninstrument \"BTCUSDT\" tick 0.1 lot 0.001 currency USD\n" +
                             "rule r priority 1 when spread < 1 tick => buy 1 lot at market\n");
        coarse.Start();
        BacktestRunner.Run(coarse, new DataSpec(DataKind.Tardis, trades), out var gridError);
        Assert.NotNull(gridError);
        Assert.Contains("binance-futures_trades_BTCUSDT_first10k.csv:", gridError);
        Assert.Contains("not on the tick grid", gridError);
    }

    private sealed class Feed(BacktestEngine engine)
    {
        private long _ts = 1_000_000_000;
        private long _id = 1;
        private readonly List<BookOrderAdded> _live = [];

        public void Quote(long bid, long ask, long size = 100)
        {
            _ts += 1_000_000;
            var old = _live.ToList();
            _live.Clear();
            foreach (var (side, price) in new[] { (Side.Buy, bid), (Side.Sell, ask) })
            {
                var added = new BookOrderAdded(_ts, _ts, _id++, side, new Price(price), new Quantity(size));
                engine.OnOrderAdded(in added);
                _live.Add(added);
            }
            foreach (var o in old)
            {
                var delete = new BookOrderDeleted(_ts, _ts, o.OrderId, o.Side, o.Price, o.Size);
                engine.OnOrderDeleted(in delete);
            }
        }
    }

    private const string Header = "strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\nbook depth 1\n";

    [Fact]
    public void Kill_switch_latches_and_blocks_every_later_order()
    {
        var strategy = Compile(Header +
            "rule enter priority 1 when spread <= 2 ticks => buy 1 lot at market\n" +
            "risk wide when spread >= 5 ticks => kill\n");
        strategy.Start();
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var feed = new Feed(engine);
        feed.Quote(100, 101);
        Assert.True(engine.Orders > 0);
        Assert.False(engine.Risk.KillSwitchEngaged);
        feed.Quote(90, 120); // spread widens: the breaker engages
        Assert.True(engine.Risk.KillSwitchEngaged);
        Assert.Equal("wide", engine.Risk.KillReason);
        var ordersAtKill = engine.Orders;
        feed.Quote(100, 101);
        feed.Quote(100, 101);
        Assert.Equal(ordersAtKill, engine.Orders);
        Assert.True(engine.Risk.KillSwitchEngaged); // latched: no automatic reset
        engine.Risk.ResetKillSwitch();
        feed.Quote(100, 101);
        Assert.True(engine.Orders > ordersAtKill);
    }

    /// <summary>
    /// vwap children follow the market's volume (grammar/README.md §3.5): 8 lots over 4 s in 4
    /// slices, with 100 lots traded in the 4 s before the order: 2 now (a twap share), then
    /// 8 x 50 / 100 = 4 after 50 more traded, 0 in a quiet second, and the remaining 2 last.
    /// </summary>
    [Fact]
    public void Vwap_children_follow_the_traded_volume()
    {
        var strategy = Compile(Header + "rule go priority 1 when position == 0 and spread == 1 tick => buy 8 lots at market via vwap over 4s slices 4\n");
        strategy.Start();
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        const long S = 1_000_000_000;
        long id = 1;
        void Quote(long ts)
        {
            var bid = new BookOrderAdded(ts, ts, id++, Side.Buy, new Price(100), new Quantity(10));
            engine.OnOrderAdded(in bid);
            var ask = new BookOrderAdded(ts, ts, id++, Side.Sell, new Price(101), new Quantity(10));
            engine.OnOrderAdded(in ask);
        }
        void Print(long ts, long lots)
        {
            var trade = new TradeTick(ts, ts, new Price(100), new Quantity(lots), AggressorSide.Seller, TradeKind.Regular);
            engine.OnTrade(in trade);
        }
        Print(S / 2, 100);
        Assert.Equal(0, engine.Portfolio.Position); // no book yet: a market order has nothing to fill against
        var positions = new List<long>();
        Quote(1 * S);
        positions.Add(engine.Portfolio.Position);
        Print(3 * S / 2, 50);
        foreach (var t in new[] { 2 * S, 3 * S, 4 * S })
        {
            Quote(t);
            positions.Add(engine.Portfolio.Position);
        }
        Assert.Equal([2L, 6L, 6L, 8L], positions);
    }

    /// <summary>
    /// iceberg show 2 of a 5-lot bid (grammar/README.md §3.5): one 2-lot child rests at 100; when
    /// the offer comes down to 100 it fills, and the next children (2, then 1) go in and, the
    /// simple venue filling a marketable limit at once, fill in the same event.
    /// </summary>
    [Fact]
    public void Iceberg_shows_one_part_at_a_time_and_refills_when_it_fills()
    {
        var strategy = Compile(Header + "rule go priority 1 when spread == 1 tick => buy 5 lots at bid via iceberg show 2 lots\n");
        strategy.Start();
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var bid = new BookOrderAdded(1_000, 1_000, 1, Side.Buy, new Price(100), new Quantity(10));
        engine.OnOrderAdded(in bid);
        var ask = new BookOrderAdded(2_000, 2_000, 2, Side.Sell, new Price(101), new Quantity(10));
        engine.OnOrderAdded(in ask); // spread 1: the iceberg starts, its first child rests
        Assert.Equal(1, engine.Orders);
        Assert.Equal(0, engine.Portfolio.Position);
        var gone = new BookOrderDeleted(3_000, 3_000, 2, Side.Sell, new Price(101), new Quantity(10));
        engine.OnOrderDeleted(in gone);
        Assert.Equal(0, engine.Portfolio.Position);
        var touch = new BookOrderAdded(4_000, 4_000, 3, Side.Sell, new Price(100), new Quantity(10));
        engine.OnOrderAdded(in touch);
        Assert.Equal(5, engine.Portfolio.Position);
        Assert.Equal(3, engine.Orders);
        Assert.Equal(3, engine.Fills);
    }

    [Fact]
    public void No_order_goes_out_while_the_market_is_halted()
    {
        var strategy = Compile(Header + "rule enter priority 1 when spread <= 2 ticks => buy 1 lot at market\n");
        strategy.Start();
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var feed = new Feed(engine);
        feed.Quote(100, 101);
        var before = engine.Orders;
        Assert.True(before > 0);
        var halt = new TradingStatusChanged(2_000_000_000, 2_000_000_000, TradingStatus.Halted);
        engine.OnTradingStatus(in halt);
        feed.Quote(100, 101);
        Assert.Equal(before, engine.Orders);
        Assert.Contains(engine.Denials, d => d.Reason == "MARKET_NOT_TRADING: status=Halted");
        var resume = new TradingStatusChanged(3_000_000_000, 3_000_000_000, TradingStatus.Trading);
        engine.OnTradingStatus(in resume);
        feed.Quote(100, 101);
        Assert.True(engine.Orders > before);
    }

    [Fact]
    public void Max_position_denies_orders_that_would_exceed_it()
    {
        var strategy = Compile(Header + "rule enter priority 1 when spread <= 2 ticks => buy 2 lots at market\nrisk max_position 3 lots\n");
        strategy.Start();
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var feed = new Feed(engine);
        for (var i = 0; i < 5; i++)
            feed.Quote(100, 101);
        Assert.Equal(2, engine.Portfolio.Position); // the second buy (to 4) is denied
        Assert.Contains(engine.Denials, d => d.Reason.StartsWith("MAX_POSITION_EXCEEDED", StringComparison.Ordinal));
    }

    [Fact]
    public void Limit_prices_round_toward_the_passive_side_and_rest_until_touched()
    {
        // mid of 100/101 is 100.5 ticks: a buy at mid bids 100, a sell at mid offers 101.
        var strategy = Compile(Header + "rule enter priority 1 when position == 0 lots and spread == 2 ticks => buy 1 lot at mid\n");
        strategy.Start();
        var book = new OrderBook();
        var engine = new BacktestEngine(strategy, book, 1_000_000);
        var feed = new Feed(engine);
        feed.Quote(99, 101);
        Assert.Equal(0, engine.Portfolio.Position); // resting at 100, not marketable
        feed.Quote(98, 100); // the offer comes down to our bid(s): every resting buy fills at 100
        Assert.True(engine.Portfolio.Position >= 1);
        Assert.Equal(Q.FromInteger(100), engine.Portfolio.EntryPriceQ16);
    }

    [Theory]
    [InlineData("exit take_profit 2 ticks", 103, 104, 1)]   // mid 103.5 - entry 101 = 2.5 ticks >= 2: take profit
    [InlineData("exit stop_loss 2 ticks", 98, 99, -1)]      // mid 98.5 - entry 101 = -2.5 ticks <= -2: stop loss
    [InlineData("exit take_profit 5 ticks", 103, 104, 0)]   // 2.5 ticks is short of 5: still long
    public void Exits_flatten_on_hand_built_sequences(string exit, long bid, long ask, int outcome)
    {
        // Buy once at the 100/101 market (fills at 101), then move the market.
        var strategy = Compile(Header + "rule enter priority 1 when position == 0 lots and bid == 100 => buy 1 lot at market\n" + exit + "\n");
        strategy.Start();
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var feed = new Feed(engine);
        feed.Quote(100, 101);
        Assert.Equal(1, engine.Portfolio.Position);
        feed.Quote(bid, ask);
        if (outcome == 0)
        {
            Assert.Equal(1, engine.Portfolio.Position);
            return;
        }
        Assert.Equal(0, engine.Portfolio.Position);
        var trip = Assert.Single(engine.Portfolio.RoundTrips);
        Assert.Equal(outcome, Math.Sign(trip.PnlTickLots));
    }

    [Fact]
    public void Portfolio_accounts_round_trips_and_losses_in_a_row()
    {
        var portfolio = new Portfolio(capitalTickLots: 10_000);
        portfolio.OnFill(1, Side.Buy, 100, 2);
        portfolio.OnFill(2, Side.Buy, 102, 2);
        Assert.Equal(Q.FromInteger(101), portfolio.EntryPriceQ16);
        portfolio.OnFill(3, Side.Sell, 100, 4); // -1 tick x 4
        Assert.Equal(Q.FromInteger(-4), portfolio.RealizedQ16);
        Assert.Equal(1, portfolio.LossesInARow);
        portfolio.OnFill(4, Side.Sell, 100, 1);
        portfolio.OnFill(5, Side.Buy, 99, 1); // +1 tick
        Assert.Equal(0, portfolio.LossesInARow);
        Assert.Equal(2, portfolio.RoundTrips.Count);
        Assert.Equal(Q.FromInteger(-3), portfolio.RealizedQ16);
    }

    [Fact]
    public void Bad_data_specs_are_refused_with_a_reason()
    {
        Assert.False(DataSpec.TryParse("synthetic:seed=x", out _, out var e1));
        Assert.Contains("seed", e1);
        Assert.False(DataSpec.TryParse("tape:", out _, out var e2));
        Assert.Equal("tape needs a path: --data tape:PATH", e2);
        Assert.True(DataSpec.TryParse("tape:x.tape", out var tape, out _));
        Assert.Equal(new DataSpec(DataKind.Tape, "x.tape"), tape);
        Assert.False(DataSpec.TryParse("tardis:", out _, out _));
        Assert.True(DataSpec.TryParse("tardis:a_trades.csv,b_quotes.csv", out var tardis, out _));
        Assert.Equal(DataKind.Tardis, tardis.Kind);
        Assert.False(DataSpec.TryParse("nonsense", out _, out var e3));
        Assert.Contains("unknown data source", e3);
    }
}
