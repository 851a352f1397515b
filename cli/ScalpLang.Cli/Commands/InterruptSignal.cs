using System.Runtime.InteropServices;

namespace ScalpLang.Cli.Commands;

/// <summary>Ctrl+C or SIGTERM as a cancellation (the command then stops cleanly instead of the process dying).</summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public InterruptSignal(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
    }

    public CancellationToken Token => _source.Token;

    private void Interrupt(PosixSignalContext context)
    {
        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _source.Dispose();
    }
}
