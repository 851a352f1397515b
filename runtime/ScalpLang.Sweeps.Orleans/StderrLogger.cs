using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>Orleans' log on stderr, one line per entry with milliseconds since start (SCALP_ORLEANS_LOG=LEVEL).</summary>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"{Clock.ElapsedMilliseconds,7} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
    }
}
