using ScalpLang.Fix.Tests.Store;
using Xunit.Abstractions;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>
/// What the tests against QuickFIX's executor share: a temporary folder, the executor processes
/// started (killed on dispose), and waiting for a condition with a timeout.
/// </summary>
public abstract class ExecutorFixture(ITestOutputHelper output) : IDisposable
{
    private readonly List<QuickFixProcess> _processes = [];

    protected TempFolder Folder { get; } = new();

    public void Dispose()
    {
        foreach (var p in _processes)
            p.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<QuickFixProcess> StartExecutor(string cfg)
    {
        var process = new QuickFixProcess(QuickFixBuild.Executor, [cfg, InteropOrders.MarketPrice.ToString(System.Globalization.CultureInfo.InvariantCulture)], output);
        _processes.Add(process);
        await process.WaitForLine(l => l == "READY");
        return process;
    }

    protected static async Task Eventually(Func<bool> condition, string what, double seconds = 15)
    {
        for (var waited = 0.0; waited < seconds && !condition(); waited += 0.05)
            await Task.Delay(50);
        Assert.True(condition(), $"{what}: not within {seconds} s");
    }
}
