using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalpLang.Fix.Acceptance;

public enum StepKind
{
    Connect,
    Disconnect,
    ExpectDisconnect,
    Send,
    Expect,
    Sleep,
}

/// <summary>One line of a script: what to do, on which connection (1 unless numbered), with what text.</summary>
public sealed record ScriptStep(int Line, StepKind Kind, int Connection, string Text, TimeSpan Sleep);

/// <summary>
/// Reads QuickFIX's acceptance scripts (<c>*.def</c>, described in ../shared/fix/acceptance/FORMAT.md):
/// <c>iCONNECT</c>, <c>iDISCONNECT</c>, <c>eDISCONNECT</c>, <c>I</c> and <c>E</c> messages
/// (optionally <c>N,</c>-numbered), <c>sleep(x)</c>; comments and blank lines skipped. The file is
/// read as UTF-8 (its messages keep their SOH bytes); an unknown line is an error naming the line.
/// </summary>
public static partial class AcceptanceScript
{
    public static IReadOnlyList<ScriptStep> Load(string path) => Parse(File.ReadAllText(path, System.Text.Encoding.UTF8), path);

    public static IReadOnlyList<ScriptStep> Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var steps = new List<ScriptStep>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            var sleep = SleepLine().Match(line);
            if (sleep.Success)
            {
                var seconds = double.Parse(sleep.Groups[1].Value, CultureInfo.InvariantCulture);
                steps.Add(new ScriptStep(lineNumber, StepKind.Sleep, 0, "", TimeSpan.FromSeconds(seconds)));
                continue;
            }
            var m = StepLine().Match(line);
            if (!m.Success)
                throw new FormatException($"{sourceName}:{lineNumber}: not a script step: {line.Replace('\u0001', '|')}");
            var connection = m.Groups["n"].Success ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : 1;
            var body = m.Groups["rest"].Value;
            var kind = (m.Groups["d"].Value, body) switch
            {
                ("i", "CONNECT") => StepKind.Connect,
                ("i", "DISCONNECT") => StepKind.Disconnect,
                ("e", "DISCONNECT") => StepKind.ExpectDisconnect,
                ("I", _) => StepKind.Send,
                ("E", _) => StepKind.Expect,
                _ => throw new FormatException($"{sourceName}:{lineNumber}: not a script step: {line.Replace('\u0001', '|')}"),
            };
            steps.Add(new ScriptStep(lineNumber, kind, connection, kind is StepKind.Send or StepKind.Expect ? body : "", TimeSpan.Zero));
        }
        return steps;
    }

    [GeneratedRegex(@"^sleep\((\d+(\.\d+)?)\)$")]
    private static partial Regex SleepLine();

    [GeneratedRegex(@"^(?<d>[iIeE])((?<n>\d+),)?(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex StepLine();
}
