using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Semantics;

/// <summary>
/// C# imports (grammar/README.md §3.12): <c>import "signals.csx"</c> makes the file's exported
/// functions callable like standard-library functions, with positional arguments of the units
/// their C# signatures declare. The scripting host compiles the file; this checks the calls.
/// </summary>
public sealed partial class Binder
{
    private IScriptImportResolver? _scripts;
    private readonly List<(SyntaxTree Tree, ImportSyntax Import)> _scriptImports = [];

    /// <summary>An import that declared nothing: calls of undefined names are then not reported (they may be its functions).</summary>
    private bool _scriptImportFailed;

    private static bool IsScriptImport(string path) => path.EndsWith(".csx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Compiles each imported .csx once (however many files import it) and declares its functions.</summary>
    private void DeclareScriptImports()
    {
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tree, import) in _scriptImports)
        {
            InTree(tree, () =>
            {
                var key = _resolver.Resolve(tree.Source, import.Path.Value, out var error);
                if (key is null)
                {
                    Report(DiagnosticDescriptors.ImportNotFound, import.Path.Span, import.Path.Value, error);
                    return;
                }
                if (!loaded.Add(key))
                    return;
                var display = _resolver is FileImportResolver files ? Path.GetRelativePath(files.DisplayRoot, key) : import.Path.Value;
                if (_scripts is null)
                {
                    Report(DiagnosticDescriptors.ScriptNoHost, import.Path.Span, display);
                    _scriptImportFailed = true;
                    return;
                }
                var result = _scripts.Load(key, display);
                foreach (var problem in result.Problems)
                {
                    var descriptor = problem.Kind == ScriptProblemKind.CompileError
                        ? DiagnosticDescriptors.ScriptCompileError
                        : DiagnosticDescriptors.ScriptUnsupported;
                    Report(descriptor, import.Path.Span, display, problem.Message);
                }
                if (result.Library is not { } library)
                {
                    _scriptImportFailed = true;
                    return;
                }
                foreach (var function in library.Functions)
                    Declare(new NameSyntax(function.Name, import.Path.Span), location => new ScriptFunctionSymbol(function.Name, location, library, function));
            });
        }
    }

    private BoundExpression BindScriptCall(CallExpressionSyntax call, ScriptFunctionSymbol symbol)
    {
        _used.Add(symbol);
        var function = symbol.Function;
        var display = $"{function.Name}({string.Join(", ", function.Parameters.Select(p => $"{p.Name}: {p.Type}"))}): {function.ReturnType}";
        if (call.Arguments.FirstOrDefault(a => a.Name is not null) is { } named)
        {
            Report(DiagnosticDescriptors.ScriptCallForm, named.Span, function.Name, $"its arguments are positional: {display}");
            return new BoundError(call.Span);
        }
        if (call.Arguments.Length != function.Parameters.Length)
        {
            Report(DiagnosticDescriptors.ScriptArity, call.Span, display, function.Parameters.Length, call.Arguments.Length);
            return new BoundError(call.Span);
        }
        var arguments = ImmutableArray.CreateBuilder<BoundExpression>(function.Parameters.Length);
        var failed = false;
        for (var i = 0; i < function.Parameters.Length; i++)
        {
            var parameter = function.Parameters[i];
            var argument = BindExpression(call.Arguments[i].Value);
            if (argument.Type.IsError)
            {
                failed = true;
                continue;
            }
            if (ScriptArgument(argument, parameter.Type) is { } converted)
            {
                arguments.Add(converted);
                continue;
            }
            Report(DiagnosticDescriptors.ScriptArgumentUnit, argument.Span, parameter.Name, function.Name, parameter.Type, argument.Type);
            failed = true;
        }
        return failed ? new BoundError(call.Span) : new BoundScriptCall(symbol, arguments.MoveToImmutable(), call.Span);
    }

    /// <summary>
    /// The argument as the declared type, or null when it is not one: the unit must be the same
    /// (a count passes as a ratio); a bare number takes the unit, except a duration (write 500ms)
    /// and a fractional count.
    /// </summary>
    private static BoundExpression? ScriptArgument(BoundExpression argument, ScalpType expected)
    {
        if (argument.Type == expected || argument.Type == ScalpType.Count && expected == ScalpType.Ratio)
            return argument;
        if (argument is BoundLiteral { Type.Kind: TypeKind.Untyped } literal && expected.Kind == TypeKind.Number
            && expected.Unit != Unit.Duration && (expected.Unit != Unit.Count || new Fixed(literal.Raw).IsInteger))
            return literal with { Type = expected };
        return null;
    }
}
