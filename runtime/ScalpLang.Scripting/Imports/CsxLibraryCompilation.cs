using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Runtime.Abi.Scripting;

namespace ScalpLang.Scripting.Imports;

/// <summary>
/// Roslyn's part of a C# import: the .csx parsed as a script, compiled in Release to an assembly
/// whose script class holds the top-level functions as static methods, and its exported functions
/// (public static methods over bool and the unit types) turned into ScalpLang signatures.
/// Everything that is not such a function is refused (grammar/README.md §3.12): top-level
/// statements and variables would be state the strategy cannot see run.
/// </summary>
internal static class CsxLibraryCompilation
{
    public const string ScriptClassName = "ScalpScript";

    /// <summary>C# errors listed per import; more would bury the first, which usually causes the rest.</summary>
    private const int MaxErrors = 10;

    private static readonly Dictionary<string, ScalpType> UnitTypes = new(StringComparer.Ordinal)
    {
        [typeof(Ratio).FullName!] = ScalpType.Ratio,
        [typeof(Count).FullName!] = ScalpType.Count,
        [typeof(Price).FullName!] = ScalpType.Price,
        [typeof(Ticks).FullName!] = ScalpType.Ticks,
        [typeof(Lots).FullName!] = ScalpType.Lots,
        [typeof(Duration).FullName!] = ScalpType.Duration,
    };

    public sealed record Result(byte[]? Image, ImmutableArray<ScriptFunction> Functions, ImmutableArray<ScriptProblem> Problems);

    public static Result Compile(byte[] content, string displayPath, string assemblyName)
    {
        var text = Microsoft.CodeAnalysis.Text.SourceText.From(content, content.Length, System.Text.Encoding.UTF8, canBeEmbedded: true);
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script), displayPath);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release, scriptClassName: ScriptClassName, deterministic: true)
            .WithUsings("System", "ScalpLang.Runtime.Abi.Scripting")
            .WithNullableContextOptions(NullableContextOptions.Enable);
        var compilation = CSharpCompilation.CreateScriptCompilation(assemblyName, tree, ScriptReferences.ForImports, options);

        var problems = ImmutableArray.CreateBuilder<ScriptProblem>();
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var error in errors.Take(MaxErrors))
            problems.Add(new ScriptProblem(ScriptProblemKind.CompileError, ScriptDiagnostics.Format(error)));
        if (errors.Count > MaxErrors)
            problems.Add(new ScriptProblem(ScriptProblemKind.CompileError, $"and {errors.Count - MaxErrors} more C# errors"));
        if (errors.Count > 0)
            return new Result(null, [], problems.ToImmutable());

        var functions = Exports(compilation, tree, displayPath, problems);
        if (problems.Count > 0)
            return new Result(null, functions, problems.ToImmutable());
        using var stream = new MemoryStream();
        // Debug information embedded: an exception in an imported function names its .csx line.
        var emitted = compilation.Emit(stream, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.Embedded));
        if (!emitted.Success)
        {
            foreach (var error in emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(MaxErrors))
                problems.Add(new ScriptProblem(ScriptProblemKind.CompileError, ScriptDiagnostics.Format(error)));
            return new Result(null, [], problems.ToImmutable());
        }
        return new Result(stream.ToArray(), functions, []);
    }

    private static ImmutableArray<ScriptFunction> Exports(CSharpCompilation compilation, SyntaxTree tree, string displayPath,
        ImmutableArray<ScriptProblem>.Builder problems)
    {
        void Refuse(SyntaxNode node, string message)
        {
            var line = node.GetLocation().GetLineSpan().StartLinePosition;
            problems.Add(new ScriptProblem(ScriptProblemKind.UnsupportedDeclaration, $"{displayPath}:{line.Line + 1}:{line.Character + 1}: {message}"));
        }

        foreach (var member in ((CompilationUnitSyntax)tree.GetRoot()).Members)
        {
            switch (member)
            {
                case GlobalStatementSyntax statement:
                    Refuse(statement, "a top-level statement: an import holds functions only (its statements would never run)");
                    break;
                case FieldDeclarationSyntax or PropertyDeclarationSyntax or EventFieldDeclarationSyntax:
                    Refuse(member, "a top-level variable is state: imported functions must depend on their arguments only");
                    break;
            }
        }

        var model = compilation.GetSemanticModel(tree);
        var functions = ImmutableArray.CreateBuilder<ScriptFunction>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in ((CompilationUnitSyntax)tree.GetRoot()).Members.OfType<MethodDeclarationSyntax>())
        {
            if (model.GetDeclaredSymbol(declaration) is not { } method || method.DeclaredAccessibility != Accessibility.Public)
                continue; // private helpers are not exported
            var name = declaration.Identifier;
            if (!method.IsStatic)
            {
                Refuse(declaration, $"function '{method.Name}' must be static (declare it 'static': an imported function depends on its arguments only; mark helpers 'private static')");
                continue;
            }
            if (method.IsGenericMethod || method.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams || p.HasExplicitDefaultValue))
            {
                Refuse(declaration, $"function '{method.Name}' must take plain parameters (no generics, ref, out, in, params or defaults)");
                continue;
            }
            if (!IsScalpName(method.Name))
            {
                Refuse(name.Parent!, $"function '{method.Name}' has a name ScalpLang cannot call (ASCII letters, digits and '_', not starting with a digit)");
                continue;
            }
            if (!names.Add(method.Name))
            {
                Refuse(declaration, $"function '{method.Name}' is declared twice: ScalpLang functions have no overloads");
                continue;
            }
            var parameters = ImmutableArray.CreateBuilder<ScriptParameter>();
            var ok = true;
            foreach (var parameter in method.Parameters)
            {
                if (Map(parameter.Type) is { } type)
                {
                    parameters.Add(new ScriptParameter(parameter.Name, type));
                    continue;
                }
                Refuse(declaration, $"parameter '{parameter.Name}' of function '{method.Name}' has type {parameter.Type.ToDisplayString()}; use bool, Ratio, Count, Price, Ticks, Lots or Duration");
                ok = false;
            }
            var returns = Map(method.ReturnType);
            if (returns is null)
            {
                Refuse(declaration, $"function '{method.Name}' returns {method.ReturnType.ToDisplayString()}; return bool, Ratio, Count, Price, Ticks, Lots or Duration");
                ok = false;
            }
            if (ok)
                functions.Add(new ScriptFunction(method.Name, parameters.ToImmutable(), returns!));
        }
        return functions.ToImmutable();
    }

    private static ScalpType? Map(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Boolean ? ScalpType.Bool
        : UnitTypes.TryGetValue(type.ToDisplayString(), out var unit) ? unit : null;

    private static bool IsScalpName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
