namespace ScalpLang.Compiler.Diagnostics;

// News sentiment (grammar/README.md §3.13): SL2066-SL2072 at the declaration, SL5006 for the Verilog target.
public static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor InvalidSentiment = Error("SL2066", "invalid sentiment declaration",
        "sentiment '{0}': {1}");
    public static readonly DiagnosticDescriptor SentimentNotFound = Error("SL2067", "sentiment model not found",
        "sentiment '{0}': no model file '{1}' (the path is relative to the folder of the file that declares it)");
    public static readonly DiagnosticDescriptor SentimentUnreadable = Error("SL2068", "sentiment model unreadable",
        "sentiment '{0}': '{1}' is not a readable ML.NET model: {2}");
    public static readonly DiagnosticDescriptor SentimentNotText = Error("SL2069", "not a sentiment model",
        "sentiment '{0}': '{1}' is not a headline sentiment model: {2}");

    public static readonly DiagnosticDescriptor VerilogSentiment = Error("SL5006", "sentiment not synthesizable",
        "sentiment '{0}' is not synthesizable: headlines are scored on the host, and the hardware has no news input");
}
