using Antlr4.Runtime;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax.Generated;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Syntax;

/// <summary>
/// The lexer as the parser should see it: lexical problems are reported here (SL1001, SL1004,
/// SL1005) and their tokens repaired or dropped, one token at a time (no copy of the stream).
/// A run of bad characters is one diagnostic; an unterminated string still counts as a string
/// so the declaration around it parses.
/// </summary>
internal sealed class CleanTokenSource(SourceText source, ScalpLangLexer lexer, DiagnosticBag diagnostics) : ITokenSource
{
    private IToken? _lookahead;

    public int Line => lexer.Line;
    public int Column => lexer.Column;
    public ICharStream InputStream => (ICharStream)lexer.InputStream;
    public string SourceName => source.Path;

    public ITokenFactory TokenFactory
    {
        get => lexer.TokenFactory;
        set => lexer.TokenFactory = value;
    }

    public IToken NextToken()
    {
        while (true)
        {
            var token = _lookahead ?? lexer.NextToken();
            _lookahead = null;
            switch (token.Type)
            {
                case ScalpLangLexer.BAD_CHAR:
                    var end = token.StopIndex + 1;
                    IToken next;
                    while ((next = lexer.NextToken()).Type == ScalpLangLexer.BAD_CHAR && next.StartIndex == end)
                        end = next.StopIndex + 1;
                    _lookahead = next;
                    var span = TextSpan.FromBounds(token.StartIndex, end);
                    diagnostics.Report(DiagnosticDescriptors.UnexpectedCharacter, new SourceLocation(source, span), Printable(source.ToString(span)));
                    continue;
                case ScalpLangLexer.UNTERMINATED_STRING:
                    diagnostics.Report(DiagnosticDescriptors.UnterminatedString, Parser.Locate(source, token));
                    return new CommonToken(token) { Type = ScalpLangLexer.STRING };
                case ScalpLangLexer.UNTERMINATED_COMMENT:
                    diagnostics.Report(DiagnosticDescriptors.UnterminatedComment, new SourceLocation(source, new TextSpan(token.StartIndex, 2)));
                    continue;
                default:
                    return token;
            }
        }
    }

    private static string Printable(string text)
    {
        var clipped = text.Length > 8 ? text[..8] + "…" : text;
        return string.Concat(clipped.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
    }
}
