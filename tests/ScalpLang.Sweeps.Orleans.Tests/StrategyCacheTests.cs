namespace ScalpLang.Sweeps.Orleans.Tests;

public sealed class StrategyCacheTests
{
    [Fact]
    public void An_image_is_loaded_once_into_a_collectible_context_and_each_item_gets_its_own_instance()
    {
        var sweep = SweepCase.Create("imbalance_scalper.scalp", "synthetic", ["threshold=0.5..0.6:0.1"]);
        var cache = new StrategyCache();
        var a = cache.Create(sweep.Items[0].Strategy);
        var b = cache.Create(sweep.Items[1].Strategy);
        Assert.NotSame(a, b);
        Assert.Same(a.GetType(), b.GetType());
        Assert.NotSame(sweep.Template.GetType(), a.GetType()); // the silo's own copy, not the submitter's
        Assert.True(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a.GetType().Assembly)!.IsCollectible);
    }
}
