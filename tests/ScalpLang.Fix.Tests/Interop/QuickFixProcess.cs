using System.Diagnostics;
using Xunit.Abstractions;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>
/// One of the QuickFIX programs as a child process: its stdout lines collected (and echoed to
/// the test output), waits with timeouts, stdin closed to stop it and a kill on Dispose.
/// </summary>
public sealed class QuickFixProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly ITestOutputHelper? _output;
    private readonly string _name;

    public QuickFixProcess(string binary, IEnumerable<string> args, ITestOutputHelper? output = null)
    {
        _output = output;
        _name = Path.GetFileName(binary);
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data is null ? null : "STDERR " + e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
            _lines.Add(line);
        try
        {
            _output?.WriteLine($"[{_name}] {line}");
        }
        catch (InvalidOperationException)
        {
            // the test has finished: nowhere to write
        }
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    /// <summary>The messages printed as IN (received) or OUT (sent), in order.</summary>
    public IReadOnlyList<FixFields> Messages(string direction) =>
        Lines.Where(l => l.StartsWith(direction + "|", StringComparison.Ordinal)).Select(l => FixFields.Parse(l[(direction.Length + 1)..])).ToList();

    /// <summary>Waits for the first line satisfying <paramref name="match"/>; fails with everything printed so far.</summary>
    public async Task<string> WaitForLine(Func<string, bool> match, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var hit = Lines.FirstOrDefault(match);
            if (hit is not null)
                return hit;
            if (_process.HasExited)
            {
                _process.WaitForExit();  // drain the output
                if (Lines.FirstOrDefault(match) is { } late)
                    return late;
                Assert.Fail($"{_name} exited ({_process.ExitCode}) without printing the expected line; it printed:\n{string.Join('\n', Lines)}");
            }
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{_name}: the expected line did not come within {seconds} s; it printed:\n{string.Join('\n', Lines)}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the exit (killing it after the timeout) and returns the exit code.</summary>
    public async Task<int> WaitForExit(double seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"{_name} did not exit within {seconds} s; it printed:\n{string.Join('\n', Lines)}");
        }
        _process.WaitForExit();  // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Closes stdin: the executor then stops its acceptor (logging sessions out) and exits.</summary>
    public Task<int> Stop(double seconds = 15)
    {
        _process.StandardInput.Close();
        return WaitForExit(seconds);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
