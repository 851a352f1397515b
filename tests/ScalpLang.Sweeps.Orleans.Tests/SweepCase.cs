using ScalpLang.Backtest;
using ScalpLang.Cli;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Sweeps.Orleans.Tests;

/// <summary>
/// One sweep set up the way `scalp backtest --sweep` sets it up: the compiled template, its axes,
/// the work items a cluster runs, and the local sweep's rows (SweepRunner, all cores, no Orleans)
/// as the reference, printed as the CLI prints them with --json (without timing).
/// </summary>
internal sealed class SweepCase
{
    private SweepCase(CompiledStrategy template, List<SweepAxis> axes, DataSpec data, VenueSettings? venue, IReadOnlyList<string> overrides, List<SweepWorkItem> items)
    {
        Template = template;
        Axes = axes;
        Data = data;
        Venue = venue;
        Overrides = overrides;
        Items = items;
    }

    public CompiledStrategy Template { get; }

    public List<SweepAxis> Axes { get; }

    public DataSpec Data { get; }

    public VenueSettings? Venue { get; }

    public IReadOnlyList<string> Overrides { get; }

    public List<SweepWorkItem> Items { get; }

    public static SweepCase Create(string example, string data, string[] sweeps, string[]? overrides = null, VenueSettings? venue = null)
    {
        var path = TestPaths.Example(example);
        overrides ??= [];
        var (template, _, exit) = StrategyCompiler.Load(path, overrides, TextWriter.Null, collectible: false);
        Assert.True(template is not null, $"{example} does not compile (exit {exit})");
        var axes = sweeps.Select(text => SweepAxis.Parse(text, template.Metadata, out var error) ?? throw new ArgumentException(error)).ToList();
        Assert.True(DataSpec.TryParse(data, out var spec, out var specError), specError);
        var image = StrategyImageSource.For(path, template);
        Assert.NotNull(image);
        var items = ClusterSweepOption.WorkItems(image, template, overrides, axes, SweepAxis.Grid(axes), spec, venue);
        return new SweepCase(template, axes, spec, venue, overrides, items);
    }

    public string LocalJson()
    {
        VenueChoice? venue = null;
        if (Venue is not null)
            Assert.True(Venue.TryCreate(out venue, out var error), error);
        return SweepRunner.Json(Axes, SweepRunner.Run(Template, Overrides, Axes, Data, venue: venue));
    }

    public string Json(IReadOnlyList<SweepOutcome> outcomes)
    {
        var grid = SweepAxis.Grid(Axes);
        Assert.Equal(Enumerable.Range(0, grid.Count), outcomes.Select(o => o.Index)); // one outcome per point, in grid order
        return SweepRunner.Json(Axes, [.. outcomes.Select(o => new SweepRunner.PointResult(grid[o.Index], o.Summary, o.Error))]);
    }
}
