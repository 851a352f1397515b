using System.Diagnostics;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// The formal check of the kill switch (hdl-backend/README.md, "Formal check"): the module's
/// `ifdef FORMAL` assertion (once out_kill is high it stays high until rst) proved with
/// yosys-smtbmc and z3, base case (BMC from any state) and induction. The decision conditions are
/// cut points (free inputs on every cycle) and the other outputs are dropped, so the proof holds
/// whatever the strategy computes, and the solver sees only the latch and the decision stage.
/// </summary>
public static class KillSwitchProof
{
    /// <summary>Steps of the base case and the induction (the latch needs one; the pipeline adds two).</summary>
    public const int Depth = 6;

    public sealed record Result(bool BaseCase, bool Induction, string Log, string? Error);

    public static Result Run(string workDir, string moduleName, string module)
    {
        Directory.CreateDirectory(workDir);
        File.WriteAllText(Path.Combine(workDir, moduleName + ".v"), module);
        File.WriteAllText(Path.Combine(workDir, "prove.ys"), $"""
            read_verilog -formal {moduleName}.v
            prep -top {moduleName}
            cutpoint w:d*_when
            delete o:out_valid o:out_action o:out_decision o:out_price o:out_quantity o:out_market o:out_stand_aside o:out_algo o:out_slice_over o:out_slices
            opt_clean -purge
            dffunmap
            write_smt2 -wires {moduleName}.smt2

            """);
        var (yosysExit, yosysLog) = Exec("yosys", workDir, "-q", "prove.ys");
        if (yosysExit != 0)
            return new Result(false, false, yosysLog, $"yosys: exit {yosysExit}: {yosysLog}");
        var smt2 = moduleName + ".smt2";
        var depth = Depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (baseExit, baseLog) = Exec("yosys-smtbmc", workDir, "-s", "z3", "-t", depth, smt2);
        var (stepExit, stepLog) = Exec("yosys-smtbmc", workDir, "-s", "z3", "-i", "-t", depth, smt2);
        // smtbmc exits 1 when an assertion fails; anything else without PASSED is a tool problem.
        string? error = null;
        foreach (var (exit, log) in new[] { (baseExit, baseLog), (stepExit, stepLog) })
        {
            if (!log.Contains("Status: PASSED", StringComparison.Ordinal) && !log.Contains("Status: FAILED", StringComparison.Ordinal))
                error = $"yosys-smtbmc: exit {exit}: {log}";
        }
        return new Result(baseExit == 0 && baseLog.Contains("Status: PASSED", StringComparison.Ordinal),
            stepExit == 0 && stepLog.Contains("Status: PASSED", StringComparison.Ordinal), baseLog + stepLog, error);
    }

    private static (int Exit, string Output) Exec(string file, string workDir, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"cannot run {file}: {e.Message} (test.sh installs yosys and z3)");
        }
    }
}
