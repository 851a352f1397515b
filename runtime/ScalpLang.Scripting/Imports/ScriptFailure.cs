using System.Diagnostics;
using ScalpLang.Backend.Il;

namespace ScalpLang.Scripting.Imports;

/// <summary>
/// An exception thrown by an imported C# function while a strategy runs is the user's error, not
/// the host's: this names the function and its .csx line (the compiled import embeds its debug
/// information) so a command can print one clear line instead of a stack trace.
/// </summary>
public static class ScriptFailure
{
    /// <summary>"C# function f (signals.csx:4) threw DivideByZeroException: ...", or null when no imported function is on the stack.</summary>
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
            {
                var method = frame.GetMethod();
                if (method?.DeclaringType?.Assembly.GetName().Name?.StartsWith(ScriptAssemblies.NamePrefix, StringComparison.Ordinal) != true)
                    continue;
                var at = frame.GetFileName() is { } file && frame.GetFileLineNumber() > 0 ? $" ({file}:{frame.GetFileLineNumber()})" : "";
                return $"C# function {method.Name}{at} threw {e.GetType().Name}: {e.Message}";
            }
        }
        return null;
    }
}
