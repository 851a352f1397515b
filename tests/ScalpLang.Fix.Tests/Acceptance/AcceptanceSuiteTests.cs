using ScalpLang.Fix.Acceptance;
using ScalpLang.Fix.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScalpLang.Fix.Tests.Acceptance;

public sealed class Fix44Server : IAsyncLifetime
{
    public AcceptanceServer? Server { get; private set; }
    public Task InitializeAsync() => Task.CompletedTask;
    public AcceptanceServer Get() => Server ??= new AcceptanceServer("at_44.cfg");
    public async Task DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
    }
}

/// <summary>
/// Every FIX 4.4 script in ../shared/fix/acceptance/fix44 against our acceptor (one acceptor for
/// the suite, scripts in name order, as QuickFIX/n runs them), and fix44noreset against one
/// configured with ResetOnLogon=N. Each read waits at most 10 s (the longest silence a script
/// expects is 7.2 s, before 6_SendTestRequest's TestRequest).
/// </summary>
public sealed class AcceptanceSuiteTests(Fix44Server fix44, ITestOutputHelper output) : IClassFixture<Fix44Server>
{
    private const string Fix44Folder = "fix/acceptance/fix44";
    private const string NoResetFolder = "fix/acceptance/fix44noreset";
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Scripts known to fail, each with the reason; they still run and must still fail (a fix shows up as a failure here).</summary>
    private static readonly Dictionary<string, string> KnownFailures = new()
    {
    };

    public static IEnumerable<object[]> Fix44Scripts => Scripts(Fix44Folder);

    [SharedTheory(Fix44Folder, SharedDictionaries.Fix44Path)]
    [MemberData(nameof(Fix44Scripts))]
    public async Task Fix44_script_passes_against_our_acceptor(string script)
    {
        var server = fix44.Get();
        await server.WaitIdleAsync();
        await Run(server, Path.Combine(RepoPaths.SharedFile(Fix44Folder), script), script);
    }

    [SharedFact(NoResetFolder, SharedDictionaries.Fix44Path)]
    public async Task Fix44noreset_SessionResetAfterDisconnect_passes()
    {
        await using var server = new AcceptanceServer("at_44_noreset.cfg");
        Assert.False(server.Session.Settings.ResetOnLogon);
        await Run(server, Path.Combine(RepoPaths.SharedFile(NoResetFolder), "SessionResetAfterDisconnect.def"), "SessionResetAfterDisconnect.def");
    }

    [SharedFact(Fix44Folder)]
    public void The_shared_suite_holds_56_scripts()
    {
        var names = Fix44Scripts.Select(row => (string)row[0]).ToList();
        Assert.Equal(56, names.Count);
        Assert.All(KnownFailures.Keys, k => Assert.Contains(k, names));
    }

    private async Task Run(AcceptanceServer server, string path, string name)
    {
        var runner = new AcceptanceRunner(server.EndPoint, ReadTimeout);
        var result = await runner.RunAsync(AcceptanceScript.Load(path));
        output.WriteLine($"{name}: {result}");
        if (KnownFailures.TryGetValue(name, out var reason))
        {
            Assert.False(result.Passed, $"{name} is listed as a known failure ({reason}) but now passes: remove it from KnownFailures and the README table");
            output.WriteLine($"known failure: {reason}");
            return;
        }
        if (!result.Passed)
        {
            lock (server.Application.Events)
                output.WriteLine("engine events:\n  " + string.Join("\n  ", server.Application.Events.TakeLast(20)));
        }
        Assert.True(result.Passed, $"{name}: {result}");
    }

    private static TheoryData<string> Scripts(string folder)
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RepoPaths.Shared, folder);
        if (!Directory.Exists(root))
        {
            data.Add("(absent)");
            return data;
        }
        foreach (var file in Directory.EnumerateFiles(root, "*.def").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }
}
