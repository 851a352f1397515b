using Spectre.Console;

namespace ScalpLang.Cli;

/// <summary>
/// A progress bar for runs longer than a second (Spectre.Console), drawn on stderr so stdout keeps
/// only the result; nothing at all under --json or when either stream is not a terminal (CI logs,
/// pipes, tests). The work runs on a worker thread; the bar polls a counter it exposes.
/// </summary>
internal static class RunProgress
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    public static bool Enabled(bool asJson, TextWriter stdout) =>
        !asJson && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <param name="count">The work done so far (read from the display thread).</param>
    /// <param name="total">The work in all, or null when unknown (the bar then shows a count).</param>
    /// <param name="describe">The bar's label as the work goes (e.g. a distributed sweep's failures); null: <paramref name="what"/>.</param>
    public static T Run<T>(bool enabled, string what, Func<T> work, Func<long> count, long? total, Func<string>? describe = null)
    {
        if (!enabled)
            return work();
        var task = Task.Run(work);
        if (task.Wait(Quiet))
            return task.Result;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var bar = context.AddTask(what, maxValue: total ?? 1);
                bar.IsIndeterminate = total is null;
                while (!task.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    long done = count();
                    if (total is null)
                        bar.Description = $"{what}: {done:N0}";
                    else
                        bar.Value = Math.Min(done, total.Value);
                    if (describe is not null)
                        bar.Description = describe();
                }
                bar.Value = bar.MaxValue;
            });
        return task.Result;
    }
}
