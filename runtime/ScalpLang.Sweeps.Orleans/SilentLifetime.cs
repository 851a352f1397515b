using Microsoft.Extensions.Hosting;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM to the command (the default console lifetime
/// would catch them and wait for a host stop that nobody asks for, so the process would hang).
/// </summary>
internal sealed class SilentLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
