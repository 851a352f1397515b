// Research script: how does the entry threshold of book_pressure.scalp trade activity for P&L?
//   ./scalp script examples/scripting/threshold_sweep.csx -- 50000
// Args: the number of synthetic events (default 50,000). Exit 0, or 3 when a check fails.
var events = Args.Count > 0 ? int.Parse(Args[0]) : 50_000;
var data = $"synthetic:seed=7,events={events}";

var strategy = Scalp.Compile(Here("book_pressure.scalp"));   // compiles signals.csx too (cached)
Console.WriteLine($"{strategy.Name}: parameters {string.Join(", ", strategy.Parameters.Select(p => p.Name))}");

// One backtest: the report is the object `scalp backtest --json` prints.
var report = Scalp.Backtest(strategy, data, "threshold=0.5");
var s = report.Summary;
Console.WriteLine($"threshold 0.5: {s.Events} events, {s.Orders} orders, {s.Fills} fills, {s.RoundTrips} round trips, net {s.NetPnl:0.00} USD");
Console.WriteLine("json " + report.ToJson(includeTiming: false));

// A sweep: one backtest per value, in order.
Console.WriteLine("threshold  orders  round_trips  net_pnl  win_rate");
var points = Scalp.Sweep(strategy, data, "threshold", "0.2", "0.5", "0.8");
foreach (var point in points)
{
    var r = point.Report.Summary;
    Console.WriteLine($"{point.Value,9}  {r.Orders,6}  {r.RoundTrips,11}  {r.NetPnl,7:0.00}  {r.WinRate,8:P1}");
}

// Checks a research pipeline can rely on: every event was replayed, and a stricter entry never trades more.
if (s.Events != events)
    return 3;
var orders = points.Select(p => p.Report.Summary.Orders).ToList();
return orders.Zip(orders.Skip(1)).All(pair => pair.First >= pair.Second) ? 0 : 3;
