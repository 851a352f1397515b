using System.Globalization;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Semantics;

public sealed partial class Binder
{
    private readonly record struct Header(string Name, SourceLocation Location, BoundInstrument? Instrument);

    /// <summary>strategy / instrument / book: once each, in the root file only.</summary>
    private Header? BindHeader(SyntaxTree root, List<SyntaxTree> imported)
    {
        foreach (var tree in imported)
        {
            InTree(tree, () =>
            {
                foreach (var declaration in tree.Root.Declarations)
                {
                    var keyword = declaration switch
                    {
                        StrategySyntax => "strategy",
                        InstrumentSyntax => "instrument",
                        BookSyntax => "book",
                        _ => null,
                    };
                    if (keyword is not null)
                        Report(DiagnosticDescriptors.HeaderInImport, new TextSpan(declaration.Span.Start, keyword.Length), keyword);
                }
            });
        }

        _currentSource = root.Source;
        var strategies = root.Root.Declarations.OfType<StrategySyntax>().ToList();
        var instruments = root.Root.Declarations.OfType<InstrumentSyntax>().ToList();
        var books = root.Root.Declarations.OfType<BookSyntax>().ToList();
        ReportDuplicates(strategies, "strategy");
        ReportDuplicates(instruments, "instrument");
        ReportDuplicates(books, "book");

        if (books.Count > 0)
            _bookDepth = BindBookDepth(books[0]);

        if (strategies.Count == 0)
        {
            // An empty or header-less file: one clear error at its start, unless parsing already failed.
            if (!_diagnostics.HasErrors)
                Report(DiagnosticDescriptors.MissingStrategy, new TextSpan(0, 0));
            return null;
        }
        var strategy = strategies[0];
        if (strategy.Name.IsMissing)
            return null;
        BoundInstrument? instrument = null;
        if (instruments.Count == 0)
            Report(DiagnosticDescriptors.MissingInstrument, strategy.Name.Span, strategy.Name.Text);
        else
            instrument = BindInstrument(instruments[0]);
        return new Header(strategy.Name.Text, At(strategy.Name), instrument);
    }

    private static string JoinWithAnd(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    private void ReportDuplicates<T>(List<T> declarations, string keyword) where T : DeclarationSyntax
    {
        foreach (var duplicate in declarations.Skip(1))
        {
            Report(DiagnosticDescriptors.DuplicateHeader, new TextSpan(duplicate.Span.Start, keyword.Length),
                keyword, Where(At(declarations[0])));
        }
    }

    private int BindBookDepth(BookSyntax book)
    {
        if (book.Depth.Length == 0)
            return DefaultBookDepth;
        if (!int.TryParse(book.Depth, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) || depth < 1 || depth > MaxBookDepth)
        {
            Report(DiagnosticDescriptors.InvalidBookDepth, book.DepthSpan, MaxBookDepth, book.Depth);
            return DefaultBookDepth;
        }
        return depth;
    }

    private BoundInstrument? BindInstrument(InstrumentSyntax instrument)
    {
        var valid = true;
        if (instrument.Symbol.Value.Trim().Length == 0)
        {
            Report(DiagnosticDescriptors.InvalidInstrument, instrument.Symbol.Span, "the instrument symbol is empty");
            valid = false;
        }

        decimal? tick = null;
        decimal? lot = null;
        string? currency = null;
        var seen = new Dictionary<InstrumentFieldKind, InstrumentFieldSyntax>();
        foreach (var field in instrument.Fields)
        {
            var word = field.Kind switch
            {
                InstrumentFieldKind.TickSize => "tick",
                InstrumentFieldKind.LotSize => "lot",
                _ => "currency",
            };
            if (!seen.TryAdd(field.Kind, field))
            {
                Report(DiagnosticDescriptors.DuplicateLimit, field.Span, $"the instrument's {word}", Where(At(seen[field.Kind])));
                continue;
            }
            switch (field.Kind)
            {
                case InstrumentFieldKind.TickSize:
                    if (decimal.TryParse(field.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var t) && t > 0)
                        tick = t;
                    else
                        Report(DiagnosticDescriptors.InvalidInstrument, field.ValueSpan, $"tick size must be a positive decimal, not {field.Value}");
                    break;
                case InstrumentFieldKind.LotSize:
                    // Crypto trades in fractions of a coin (lot 0.001), equities in round lots (lot 100).
                    if (decimal.TryParse(field.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var l) && l > 0)
                        lot = l;
                    else
                        Report(DiagnosticDescriptors.InvalidInstrument, field.ValueSpan, $"lot size must be a positive decimal, not {field.Value}");
                    break;
                default:
                    if (field.Value.Length == 3 && field.Value.All(char.IsAsciiLetterUpper))
                        currency = field.Value;
                    else
                        Report(DiagnosticDescriptors.InvalidInstrument, field.ValueSpan, $"currency must be a three-letter ISO 4217 code such as USD, not {field.Value}");
                    break;
            }
        }

        var missing = new List<(string Field, string Example)>();
        if (!seen.ContainsKey(InstrumentFieldKind.TickSize))
            missing.Add(("tick size", "tick 0.01"));
        if (!seen.ContainsKey(InstrumentFieldKind.LotSize))
            missing.Add(("lot size", "lot 1"));
        if (!seen.ContainsKey(InstrumentFieldKind.Currency))
            missing.Add(("currency", "currency USD"));
        if (missing.Count > 0)
        {
            ReportWithHelp(DiagnosticDescriptors.InvalidInstrument, new TextSpan(instrument.Span.Start, "instrument".Length),
                $"add {string.Join(" ", missing.Select(m => m.Example))} (with your instrument's values)",
                $"instrument '{instrument.Symbol.Value}' needs its {JoinWithAnd(missing.Select(m => m.Field).ToList())}");
        }
        return valid && tick is not null && lot is not null && currency is not null
            ? new BoundInstrument(instrument.Symbol.Value, tick.Value, lot.Value, currency)
            : null;
    }
}
