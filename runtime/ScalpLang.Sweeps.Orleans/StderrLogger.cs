using Microsoft.Extensions.Logging;

namespace ScalpLang.Sweeps.Orleans;

internal sealed class StderrLoggerProvider : ILoggerProvider
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);
    public void Dispose() { }
    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"{Clock.ElapsedMilliseconds,6} {logLevel} {category}: {formatter(state, exception)}");
    }
}
