using System.Collections.Immutable;
using System.Reflection;

namespace ScalpLang.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic the front end can report. Codes are stable and never reused:
/// SL1xxx syntax and input, SL2xxx names, types and units, SL4xxx the IL backend. (SL3xxx
/// lowering and SL5xxx Verilog belong to later phases.) grammar/README.md lists them for users.
/// </summary>
public static partial class DiagnosticDescriptors
{
    private static DiagnosticDescriptor Error(string code, string title, string format) => new(code, DiagnosticSeverity.Error, title, format);
    private static DiagnosticDescriptor Warning(string code, string title, string format) => new(code, DiagnosticSeverity.Warning, title, format);

    // ---- SL1xxx: input and syntax ----
    public static readonly DiagnosticDescriptor UnexpectedCharacter = Error("SL1001", "unexpected character", "unexpected character '{0}'");
    public static readonly DiagnosticDescriptor UnexpectedToken = Error("SL1002", "unexpected token", "unexpected {0}; expected {1}");
    public static readonly DiagnosticDescriptor MissingToken = Error("SL1003", "missing token", "expected {0} before {1}");
    public static readonly DiagnosticDescriptor UnterminatedString = Error("SL1004", "unterminated string", "string is not closed before the end of the line");
    public static readonly DiagnosticDescriptor UnterminatedComment = Error("SL1005", "unterminated comment", "block comment is not closed before the end of the file");
    public static readonly DiagnosticDescriptor InvalidUtf8 = Error("SL1006", "invalid UTF-8", "file is not valid UTF-8 (bad byte 0x{0:X2} at offset {1})");
    public static readonly DiagnosticDescriptor BinaryFile = Error("SL1007", "binary file", "file looks binary (NUL byte at offset {0}), not ScalpLang source");
    public static readonly DiagnosticDescriptor FileTooLarge = Error("SL1008", "file too large", "file is {0:N0} bytes; ScalpLang sources are limited to {1:N0} bytes");
    public static readonly DiagnosticDescriptor NestingTooDeep = Error("SL1009", "nesting too deep", "expression is nested too deeply to compile");
    public static readonly DiagnosticDescriptor TooManyErrors = Error("SL1010", "too many errors", "too many errors; stopped after {0}");
    public static readonly DiagnosticDescriptor MisplacedDeclaration = Error("SL1011", "declaration expected", "expected a declaration (strategy, instrument, book, param, signal, model, execution, filter, rule, exit, risk or import), found {0}");

    // ---- SL2xxx: names, types and units ----
    public static readonly DiagnosticDescriptor UndefinedName = Error("SL2001", "undefined name", "'{0}' is not defined");
    public static readonly DiagnosticDescriptor DuplicateName = Error("SL2002", "duplicate name", "'{0}' is already defined at {1}");
    public static readonly DiagnosticDescriptor TypeMismatch = Error("SL2003", "type mismatch", "{0} must be {1}, but it is {2}");
    public static readonly DiagnosticDescriptor OperatorUnits = Error("SL2004", "units do not combine", "cannot apply '{0}' to {1} and {2}");
    public static readonly DiagnosticDescriptor UnknownType = Error("SL2005", "unknown type", "'{0}' is not a type");
    public static readonly DiagnosticDescriptor NotAFunction = Error("SL2006", "not a function", "'{0}' is {1}, not a function");
    public static readonly DiagnosticDescriptor UnknownArgument = Error("SL2007", "unknown argument", "{0} has no parameter '{1}'");
    public static readonly DiagnosticDescriptor MissingArgument = Error("SL2008", "missing argument", "{0} needs the argument '{1}'");
    public static readonly DiagnosticDescriptor ArgumentRepeated = Error("SL2009", "argument given twice", "argument '{0}' of {1} is given more than once");
    public static readonly DiagnosticDescriptor TooManyArguments = Error("SL2010", "too many arguments", "{0} takes {1} argument(s), but {2} were given");
    public static readonly DiagnosticDescriptor NotConstant = Error("SL2011", "not constant", "{0} must be {1}, but it depends on {2}");
    public static readonly DiagnosticDescriptor MissingStrategy = Error("SL2012", "missing strategy", "file declares no strategy; start it with 'strategy Name'");
    public static readonly DiagnosticDescriptor DuplicateHeader = Error("SL2013", "duplicate header", "'{0}' is declared more than once (first at {1})");
    public static readonly DiagnosticDescriptor HeaderInImport = Error("SL2014", "header in import", "'{0}' is not allowed in an imported file; only the importing strategy declares it");
    public static readonly DiagnosticDescriptor ImportNotFound = Error("SL2015", "import not found", "cannot import '{0}': {1}");
    public static readonly DiagnosticDescriptor ImportCycle = Error("SL2016", "import cycle", "import cycle: {0}");
    public static readonly DiagnosticDescriptor SignalCycle = Error("SL2017", "cyclic signal", "signal '{0}' depends on itself ({1})");
    public static readonly DiagnosticDescriptor OutOfRange = Error("SL2018", "value out of range", "{0} is {1}; it must be {2}");
    public static readonly DiagnosticDescriptor EmptyRange = Error("SL2019", "empty range", "range {0}..{1} is empty: the lower bound is above the upper");
    public static readonly DiagnosticDescriptor MissingPriority = Error("SL2020", "missing priority", "rule '{0}' has no priority");
    public static readonly DiagnosticDescriptor DuplicatePriority = Error("SL2021", "duplicate priority", "rules '{0}' and '{1}' both have priority {2}");
    public static readonly DiagnosticDescriptor ActionNotAllowed = Error("SL2022", "action not allowed here", "'{0}' is not allowed in {1}; allowed: {2}");
    public static readonly DiagnosticDescriptor UnknownExitKind = Error("SL2023", "unknown exit", "'{0}' is not an exit kind (take_profit, stop_loss, trailing_stop, time_stop), and a named exit needs 'when <condition> => <action>'");
    public static readonly DiagnosticDescriptor DuplicateLimit = Error("SL2024", "duplicate limit", "{0} is declared more than once (first at {1})");
    public static readonly DiagnosticDescriptor UnknownRiskKind = Error("SL2025", "unknown risk limit", "'{0}' is not a risk limit (max_position, max_orders, price_band), and a circuit breaker needs 'when <condition> => kill'");
    public static readonly DiagnosticDescriptor LiteralOverflow = Error("SL2026", "literal out of range", "{0} does not fit the {1} format");
    public static readonly DiagnosticDescriptor LiteralQuantised = Warning("SL2027", "literal rounded", "{0} is stored as {1} (Q47.16 fixed point), {2} away");
    public static readonly DiagnosticDescriptor DivisionByZero = Warning("SL2028", "division by zero", "division by zero yields 0 in ScalpLang");
    public static readonly DiagnosticDescriptor InvalidInstrument = Error("SL2029", "invalid instrument", "{0}");
    public static readonly DiagnosticDescriptor InvalidBookDepth = Error("SL2030", "invalid book depth", "book depth must be a whole number from 1 to {0}, not {1}");
    public static readonly DiagnosticDescriptor IntrinsicOutsideStdlib = Error("SL2031", "intrinsic outside stdlib", "'intrinsic' declarations belong to the standard library; define a signal instead");
    public static readonly DiagnosticDescriptor InvalidDuration = Error("SL2032", "invalid duration", "{0}");
    public static readonly DiagnosticDescriptor InvalidModel = Error("SL2033", "invalid model", "{0}");
    public static readonly DiagnosticDescriptor NoEntryRules = Warning("SL2034", "no entry rule", "strategy '{0}' has no rule that buys or sells, so it never trades");
    public static readonly DiagnosticDescriptor NotAValue = Error("SL2035", "function used as a value", "'{0}' is a function; call it as {0}(...)");
    public static readonly DiagnosticDescriptor ShadowsStdlib = Error("SL2036", "shadows the standard library", "'{0}' is defined by the standard library; choose another name");
    public static readonly DiagnosticDescriptor InvalidPriority = Error("SL2037", "invalid priority", "priority must be a whole number from 1 to 1000, not {0}");
    public static readonly DiagnosticDescriptor WholeNumberRequired = Error("SL2038", "whole number required", "{0} must be a whole number, not {1}");
    public static readonly DiagnosticDescriptor UnusedDeclaration = Warning("SL2039", "unused declaration", "{0} '{1}' is never used");
    public static readonly DiagnosticDescriptor MissingInstrument = Error("SL2040", "missing instrument", "strategy '{0}' declares no instrument; add 'instrument \"SYMBOL\" tick 0.01 lot 1 currency USD'");
    public static readonly DiagnosticDescriptor PositionalAfterNamed = Error("SL2042", "positional after named", "positional argument after a named one in {0}; name it ({1}: ...)");
    public static readonly DiagnosticDescriptor ReservedLabel = Error("SL2043", "reserved name", "'{0}' is a built-in {1}; {2}");
    public static readonly DiagnosticDescriptor ConstantOverflow = Warning("SL2044", "constant overflow", "this constant expression overflows the {0} range and wraps to {1}");
    public static readonly DiagnosticDescriptor IcebergAtMarket = Error("SL2045", "iceberg at market", "an iceberg works a resting limit order: give '{0}' a limit price ('at bid', 'at mid - 1 tick') instead of 'at market'");
    // SL2046..SL2051: a model file read against its declaration (Models/ModelBinder.cs).
    public static readonly DiagnosticDescriptor ModelNotFound = Error("SL2046", "model file not found",
        "model '{0}': no model file '{1}' (a model path is relative to the folder of the file that declares it)");
    public static readonly DiagnosticDescriptor ModelUnreadable = Error("SL2047", "model file unreadable", "model '{0}': '{1}' is not a readable ML.NET model: {2}");
    public static readonly DiagnosticDescriptor ModelUnsupported = Error("SL2048", "model not compilable", "model '{0}': '{1}' cannot be compiled: {2}");
    public static readonly DiagnosticDescriptor ModelFeatureCount = Error("SL2049", "model feature count", "model '{0}' lists {1} feature(s), but '{2}' was trained on {3}: [{4}]");
    public static readonly DiagnosticDescriptor ModelFeatureName = Error("SL2050", "model feature name", "feature {0} of model '{1}' is '{2}', but the model was trained on '{3}' in this place");
    public static readonly DiagnosticDescriptor ModelFeatureUnit = Error("SL2051", "model feature unit", "feature {0} of model '{1}' is {2}, but the model was trained on {3}");
    // SL2052..SL2059: ONNX models (history, depth image, the file against its declaration: Models/ModelBinder.cs).
    public static readonly DiagnosticDescriptor ModelHistory = Error("SL2052", "invalid model history", "{0}");
    public static readonly DiagnosticDescriptor DepthImage = Error("SL2053", "invalid depth image", "{0}");
    public static readonly DiagnosticDescriptor OnnxUnreadable = Error("SL2054", "ONNX model unreadable", "model '{0}': '{1}' is not a readable ONNX model: {2}");
    public static readonly DiagnosticDescriptor OnnxInput = Error("SL2055", "ONNX model input", "model '{0}': '{1}' {2}");
    public static readonly DiagnosticDescriptor OnnxInputShape = Error("SL2056", "ONNX input shape", "model '{0}': '{1}' {2}");
    public static readonly DiagnosticDescriptor OnnxOutput = Error("SL2057", "ONNX model output", "model '{0}': '{1}' {2}");
    public static readonly DiagnosticDescriptor OnnxRunFails = Error("SL2058", "ONNX model fails", "model '{0}': '{1}' fails on an all-zero input: {2}");
    public static readonly DiagnosticDescriptor OnnxNotProbability = Error("SL2059", "ONNX output not a probability",
        "model '{0}': '{1}' gives {2} on an all-zero input; its output must be a probability from 0 to 1");
    public static readonly DiagnosticDescriptor UnknownNamedExecution = Error("SL2041", "unknown execution", "'{0}' is not an execution; declare it with 'execution {0} = twap over 30s slices 6'");

    // ---- SL4xxx: IL backend ----
    public static readonly DiagnosticDescriptor IlUnsupported = Error("SL4001", "not supported by the IL backend", "the IL backend cannot compile {0} yet: {1}");

    // ---- SL5xxx: Verilog backend ("not synthesizable because ...") ----
    // SL5001 (a window), SL5002 (a portfolio input) and SL5003 (a sliced order) are retired: the
    // Verilog target builds them (a sliced order as its parent, which the host slices). Codes are
    // never reused. SL5004 is no longer emitted for a compiled .zip model (the module computes its
    // probability, hdl-backend/README.md); only for a model the compiler does not import (.onnx).
    public static readonly DiagnosticDescriptor VerilogModel = Error("SL5004", "model not synthesizable",
        "model '{0}' is not synthesizable: only a model compiled into the strategy (an ML.NET .zip) has a hardware form");
    public static readonly DiagnosticDescriptor VerilogOnnxModel = Error("SL5005", "ONNX model not synthesizable",
        "model '{0}' is not synthesizable: an ONNX model runs on the CPU target only: neural networks have no hardware form");

    public static readonly DiagnosticDescriptor VerilogSequentialUnsupported = Error("SL5007", "not run by the sequential core",
        "`--core sequential`: {0} (the parallel core, the default, builds it)");

    /// <summary>All descriptors, in code order (reflection over this class: adding one is enough).</summary>
    public static ImmutableArray<DiagnosticDescriptor> All => LazyAll.Value;

    // Lazy: the fields of the other partial files must be initialised before the reflection reads them.
    private static readonly Lazy<ImmutableArray<DiagnosticDescriptor>> LazyAll = new(() =>
        [.. typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)]);
}
