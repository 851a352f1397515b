using System.CommandLine;
using ScalpLang.Scripting.Host;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp script RUN.csx [-- args...]</c>: runs a C# research script with the ScalpLang API
/// (docs/scripting.md) in this process, with the user's rights. Exit 0 (or the int the script
/// returns), 1 a compile error (<c>RUN.csx:line:col: error CSxxxx: ...</c>) or an exception in
/// the script (its message and line), 2 a missing file.
/// </summary>
internal static class ScriptCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("RUN.csx") { Description = "the C# script" };
        var rest = new Argument<string[]>("ARGS") { Description = "arguments for the script (after --), as Args", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("script", "Run a C# research script with the ScalpLang API (compile, backtest, sweep, reports)") { file, rest };
        command.SetAction(result => ScriptRunner.Run(result.GetValue(file)!, result.GetValue(rest) ?? [], stdout, stderr));
        return command;
    }
}
