using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Semantics;

public sealed partial class Binder
{
    private BoundStrategy? BindProgram(SyntaxTree root)
    {
        _trees.Add(root);
        var imported = new List<SyntaxTree>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var rootKey = root.Source.FullPath ?? Path.GetFullPath(root.Source.Path);
        LoadImports(root, [rootKey], visited, imported);
        _trees.AddRange(imported);
        DeclareScriptImports();

        // Imports first, so that the root's own definitions are the ones reported as duplicates.
        var files = imported.Append(root).ToList();
        var header = BindHeader(root, imported);
        foreach (var tree in files)
            InTree(tree, () => DeclareSymbols(tree));

        var parameters = new List<BoundParam>();
        var models = new List<BoundModel>();
        var sentiments = new List<BoundSentiment>();
        var executions = new List<BoundExecution>();
        var filters = new List<BoundFilter>();
        var rules = new List<BoundRule>();
        var exits = new List<BoundExit>();
        var conditionalExits = new List<BoundConditionalExit>();
        var limits = new List<BoundRiskLimit>();
        var breakers = new List<BoundCircuitBreaker>();
        var labels = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);

        // Params first: their values are constants that checks of windows and sizes look at.
        foreach (var tree in files)
        {
            InTree(tree, () =>
            {
                foreach (var p in tree.Root.Declarations.OfType<ParamSyntax>())
                {
                    if (Declared<ParamSymbol>(p.Name) is { } symbol)
                        parameters.Add(_boundParams[symbol] = BindParam(p, symbol));
                }
            });
        }

        foreach (var tree in files)
        {
            InTree(tree, () =>
            {
                foreach (var declaration in tree.Root.Declarations)
                {
                    switch (declaration)
                    {
                        case SignalSyntax s when Declared<SignalSymbol>(s.Name) is { } symbol:
                            BindSignal(symbol);
                            break;
                        case ModelSyntax m when Declared<ModelSymbol>(m.Name) is { } symbol:
                            models.Add(BindModel(m, symbol));
                            break;
                        case SentimentSyntax n when Declared<SentimentSymbol>(n.Name) is { } symbol:
                            sentiments.Add(BindSentiment(n, symbol));
                            break;
                        case ExecutionSyntax e when Declared<ExecutionSymbol>(e.Name) is { } symbol:
                            executions.Add(new BoundExecution(symbol, ExecutionSlicer(symbol)));
                            break;
                        case FilterSyntax f:
                            DeclareLabel(labels, f.Name);
                            filters.Add(new BoundFilter(f.Name.Text, At(f.Name), BindCondition(f.Condition, $"the condition of filter '{f.Name.Text}'")));
                            break;
                        case RuleSyntax r:
                            DeclareLabel(labels, r.Name);
                            rules.Add(BindRule(r));
                            break;
                        case ExitSyntax x:
                            BindExit(x, exits, conditionalExits, labels);
                            break;
                        case RiskSyntax k:
                            BindRisk(k, limits, breakers, labels);
                            break;
                        case IntrinsicSyntax i:
                            Report(DiagnosticDescriptors.IntrinsicOutsideStdlib, i.Span);
                            break;
                    }
                }
            });
        }

        var signals = OrderedSignals();
        _currentSource = root.Source;
        CheckPriorities(rules);
        CheckUnused(root);
        if (header is null)
            return null;
        if (!rules.Any(r => r.Action is BoundTradeAction))
            _diagnostics.Report(DiagnosticDescriptors.NoEntryRules, header.Value.Location, header.Value.Name);

        return new BoundStrategy(
            header.Value.Name, header.Value.Location, header.Value.Instrument, _bookDepth,
            [.. parameters], signals, [.. models], [.. executions], [.. filters],
            [.. rules.OrderByDescending(r => r.Priority)], [.. exits], [.. conditionalExits], [.. limits], [.. breakers],
            [.. imported.Select(t => t.Source.Path)]) { Sentiments = [.. sentiments] };
    }

    private void InTree(SyntaxTree tree, Action action)
    {
        var saved = _currentSource;
        _currentSource = tree.Source;
        action();
        _currentSource = saved;
    }

    private void LoadImports(SyntaxTree tree, List<string> chain, HashSet<string> visited, List<SyntaxTree> imported)
    {
        foreach (var import in tree.Root.Declarations.OfType<ImportSyntax>())
        {
            _currentSource = tree.Source;
            if (IsScriptImport(import.Path.Value))
            {
                _scriptImports.Add((tree, import));
                continue;
            }
            var key = _resolver.Resolve(tree.Source, import.Path.Value, out var error);
            if (key is null)
            {
                Report(DiagnosticDescriptors.ImportNotFound, import.Path.Span, import.Path.Value, error);
                continue;
            }
            if (chain.Contains(key))
            {
                Report(DiagnosticDescriptors.ImportCycle, import.Path.Span,
                    string.Join(" -> ", chain.Append(key).Select(Path.GetFileName)));
                continue;
            }
            if (!visited.Add(key))
                continue;
            var source = _resolver.Load(key, _diagnostics, out var loadError);
            if (source is null)
            {
                if (loadError is not null)
                    Report(DiagnosticDescriptors.ImportNotFound, import.Path.Span, import.Path.Value, loadError);
                continue;
            }
            var importedTree = Parser.Parse(source);
            _diagnostics.AddRange(importedTree.Diagnostics);
            LoadImports(importedTree, [.. chain, key], visited, imported);
            imported.Add(importedTree);
        }
        _currentSource = tree.Source;
    }

    private void DeclareSymbols(SyntaxTree tree)
    {
        foreach (var declaration in tree.Root.Declarations)
        {
            switch (declaration)
            {
                case ParamSyntax p:
                    Declare(p.Name, location => new ParamSymbol(p.Name.Text, location, ResolveType(p.Type)));
                    break;
                case SignalSyntax s:
                    Declare(s.Name, location => new SignalSymbol(s.Name.Text, location, s));
                    break;
                case ModelSyntax m:
                    Declare(m.Name, location => new ModelSymbol(m.Name.Text, location));
                    break;
                case SentimentSyntax n:
                    Declare(n.Name, location => new SentimentSymbol(n.Name.Text, location));
                    break;
                case ExecutionSyntax e:
                    Declare(e.Name, location => new ExecutionSymbol(e.Name.Text, location, e));
                    break;
            }
        }
    }

    private void Declare(NameSyntax name, Func<SourceLocation, Symbol> create)
    {
        if (name.IsMissing)
            return;
        if (_intrinsics.ContainsKey(name.Text))
        {
            Report(DiagnosticDescriptors.ShadowsStdlib, name.Span, name.Text);
            return;
        }
        if (_globals.TryGetValue(name.Text, out var existing))
        {
            Report(DiagnosticDescriptors.DuplicateName, name.Span, name.Text, Where(existing.Location));
            return;
        }
        _globals[name.Text] = create(At(name));
    }

    /// <summary>The symbol this declaration introduced (null if it was a duplicate or had no name).</summary>
    private T? Declared<T>(NameSyntax name) where T : Symbol =>
        _globals.TryGetValue(name.Text, out var symbol) && symbol is T typed && typed.Location == At(name) ? typed : null;

    /// <summary>Rules, filters, named exits and circuit breakers share one namespace of labels.</summary>
    private void DeclareLabel(Dictionary<string, SourceLocation> labels, NameSyntax name)
    {
        if (name.IsMissing)
            return;
        if (labels.TryGetValue(name.Text, out var existing))
            Report(DiagnosticDescriptors.DuplicateName, name.Span, name.Text, Where(existing));
        else
            labels[name.Text] = At(name);
    }

    private ScalpType ResolveType(TypeRefSyntax type)
    {
        if (type.Name.Length == 0)
            return ScalpType.Error;
        if (ScalpType.ByName.TryGetValue(type.Name, out var resolved))
            return resolved;
        if (_isStdlib && type.Name == "T")
            return ScalpType.Generic;
        ReportWithHelp(DiagnosticDescriptors.UnknownType, type.Span,
            Spelling.DidYouMean(type.Name, ScalpType.ByName.Keys) ?? "types are ratio, count, price, ticks, lots, duration and bool",
            type.Name);
        return ScalpType.Error;
    }
}
