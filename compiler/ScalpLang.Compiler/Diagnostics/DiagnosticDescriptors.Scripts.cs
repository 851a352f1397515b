namespace ScalpLang.Compiler.Diagnostics;

// C# imports (grammar/README.md §3.12): SL2060-SL2065 at the import or the call, SL5040-SL5049 for the Verilog target.
public static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor ScriptCompileError = Error("SL2060", "C# import does not compile",
        "C# import '{0}' does not compile: {1}");
    public static readonly DiagnosticDescriptor ScriptUnsupported = Error("SL2061", "C# declaration not callable",
        "C# import '{0}': {1}");
    public static readonly DiagnosticDescriptor ScriptNoHost = Error("SL2062", "C# imports need the scripting host",
        "C# import '{0}' cannot be compiled here: C# imports need the scripting host (the scalp command provides it)");
    public static readonly DiagnosticDescriptor ScriptArity = Error("SL2063", "wrong number of arguments",
        "C# function {0} takes {1} argument(s), {2} given");
    public static readonly DiagnosticDescriptor ScriptArgumentUnit = Error("SL2064", "argument unit",
        "argument '{0}' of C# function {1} is declared {2}, but this is {3}");
    public static readonly DiagnosticDescriptor ScriptCallForm = Error("SL2065", "C# function call form",
        "'{0}' is a C# function: {1}");

    public static readonly DiagnosticDescriptor VerilogScriptCall = Error("SL5040", "C# function not synthesizable",
        "'{0}' is not synthesizable: it calls the C# function {1}, which runs on the CPU only");
}
