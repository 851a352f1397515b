using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace ScalpLang.Compiler.Syntax;

/// <summary>
/// Listens to the parser and turns each declaration into AST the moment its rule exits, so
/// the parser need not keep a parse tree: rule contexts die young, in the cheapest GC generation.
/// </summary>
internal sealed class DeclarationCollector(AstBuilder builder) : IParseTreeListener
{
    public List<DeclarationSyntax> Declarations { get; } = [];

    public void ExitEveryRule(ParserRuleContext ctx)
    {
        if (ctx.RuleIndex != Generated.ScalpLangParser.RULE_declaration && ctx.Parent is Generated.ScalpLangParser.DeclarationContext &&
            builder.Declaration(ctx) is { } declaration)
        {
            Declarations.Add(declaration);
        }
    }

    public void EnterEveryRule(ParserRuleContext ctx)
    {
    }

    public void VisitTerminal(ITerminalNode node)
    {
    }

    public void VisitErrorNode(IErrorNode node)
    {
    }
}
