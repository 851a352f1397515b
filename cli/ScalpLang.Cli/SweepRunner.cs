using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalpLang.Backtest;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Cli;

/// <summary>
/// <c>--sweep NAME=a..b:step</c> (repeatable: the axes form a grid): one backtest per point, each
/// with its own strategy instance (compiled once), engine and data replay, on all cores; one row
/// per point, in grid order whatever order the runs finish in.
/// </summary>
internal static class SweepRunner
{
    public sealed record PointResult(int[] Point, BacktestSummary? Summary, string? Error);

    public static List<PointResult> Run(CompiledStrategy template, IReadOnlyList<string> overrides, IReadOnlyList<SweepAxis> axes, DataSpec data,
        Action? pointDone = null, VenueChoice? venue = null)
    {
        var grid = SweepAxis.Grid(axes);
        var results = new PointResult[grid.Count];
        var type = template.GetType();
        Parallel.For(0, grid.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var strategy = (CompiledStrategy)Activator.CreateInstance(type)!;
            foreach (var item in overrides)
                StrategyCompiler.TryOverride(strategy, item, out _); // already validated on the template
            try
            {
                for (var a = 0; a < axes.Count; a++)
                    strategy.SetParameter(axes[a].Name, axes[a].Points[grid[i][a]].Raw);
                strategy.Start();
            }
            catch (ArgumentException e)
            {
                results[i] = new PointResult(grid[i], null, e.Message);
                pointDone?.Invoke();
                return;
            }
            var summary = BacktestRunner.Run(strategy, data, out var error, venue: venue);
            results[i] = new PointResult(grid[i], error is null ? summary : null, error);
            pointDone?.Invoke();
        });
        return [.. results];
    }

    public static string Table(IReadOnlyList<SweepAxis> axes, IReadOnlyList<PointResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        foreach (var axis in axes)
            sb.Append(c, $"{axis.Name,14} ");
        sb.Append(c, $"{"events",10} {"orders",7} {"fills",7} {"trips",6} {"net P&L",12} {"win",7} {"max DD",10} {"Sharpe",8} {"edge",10}  kill\n");
        foreach (var r in results)
        {
            for (var a = 0; a < axes.Count; a++)
                sb.Append(c, $"{axes[a].Points[r.Point[a]].Text,14} ");
            if (r.Summary is not { } s)
            {
                sb.Append(c, $"error: {r.Error}\n");
                continue;
            }
            sb.Append(c, $"{s.Events,10:N0} {s.Orders,7:N0} {s.Fills,7:N0} {s.RoundTrips,6:N0} {s.NetPnl,12:N2} {s.WinRate,7:P1} {s.MaxDrawdown,10:N2} {s.Sharpe,8:0.###} {s.EdgeRatio,10:N4}  {(s.KillSwitchEngaged ? "engaged" : "-")}\n");
        }
        return sb.ToString();
    }

    /// <summary>A JSON array: per point its parameter values and the summary (without timing, so equal runs compare equal).</summary>
    public static string Json(IReadOnlyList<SweepAxis> axes, IReadOnlyList<PointResult> results)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteStartObject("params");
                for (var a = 0; a < axes.Count; a++)
                    json.WriteString(axes[a].Name, axes[a].Points[r.Point[a]].Text);
                json.WriteEndObject();
                if (r.Summary is { } s)
                {
                    using var summary = JsonDocument.Parse(s.ToJson(includeTiming: false));
                    foreach (var property in summary.RootElement.EnumerateObject())
                        property.WriteTo(json);
                }
                else
                {
                    json.WriteString("error", r.Error);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
