using System.CommandLine;
using ScalpLang.Cli;
using ScalpLang.Cli.Commands;

return ScalpCli.Run(args, Console.Out, Console.Error);

namespace ScalpLang.Cli
{
    /// <summary>Entry point, separated from Main so tests can run the CLI in-process.</summary>
    public static class ScalpCli
    {
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            // Strategies with ONNX models score them through the process's host (grammar/README.md §3.4).
            Ml.Onnx.OnnxModelHost.Install();
            var root = new RootCommand("ScalpLang: declarative scalping strategies for .NET and FPGAs")
            {
                CheckCommand.Create(stdout, stderr),
                BuildCommand.Create(stdout, stderr),
                ParamsCommand.Create(stdout, stderr),
                BacktestCommand.Create(stdout, stderr),
                TestCommand.Create(stdout, stderr),
                TapeCommand.Create(stdout, stderr),
                FixCommand.Create(stdout, stderr),
                ExchangeCommand.Create(stdout, stderr),
                RunCommand.Create(stdout, stderr),
                SimCommand.Create(stdout, stderr),
                SynthCommand.Create(stdout, stderr),
                ScriptCommand.Create(stdout, stderr),
                SiloCommand.Create(stdout, stderr),
                TrainCommand.Create(stdout, stderr),
                TrainTextCommand.Create(stdout, stderr),
            };
            var result = root.Parse(args);
            if (result.Errors.Count > 0)
            {
                foreach (var error in result.Errors)
                    stderr.WriteLine($"scalp: {error.Message}");
                stderr.WriteLine("run 'scalp --help' for usage");
                return ExitCodes.UsageOrIo;
            }
            try
            {
                return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
            }
            catch (Exception e) when (e is IOException)
            {
                stderr.WriteLine($"scalp: {e.Message}");
                return ExitCodes.UsageOrIo;
            }
            catch (Exception e) when (Scripting.Imports.ScriptFailure.Describe(e) is { } failure)
            {
                // An imported C# function threw while the strategy ran: the user's error, one line.
                stderr.WriteLine($"scalp: {failure}");
                return ExitCodes.Errors;
            }
        }
    }
}
