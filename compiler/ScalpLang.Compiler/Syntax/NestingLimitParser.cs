using Antlr4.Runtime;
using ScalpLang.Compiler.Syntax.Generated;

namespace ScalpLang.Compiler.Syntax;

/// <summary>
/// The generated parser with its recursion bounded, so that pathological input such as ten
/// thousand '(' ends in a diagnostic (SL1009) instead of a stack overflow, which .NET cannot catch.
/// </summary>
internal sealed class NestingLimitParser(ITokenStream input) : ScalpLangParser(input)
{
    /// <summary>Several hundred levels of parentheses: far beyond anything a trader writes.</summary>
    internal const int MaxRuleDepth = 500;

    private int _ruleDepth;

    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        if (++_ruleDepth > MaxRuleDepth)
            throw new NestingTooDeepException(CurrentToken);
        base.EnterRule(localctx, state, ruleIndex);
    }

    public override void ExitRule()
    {
        _ruleDepth--;
        base.ExitRule();
    }

    // Left-recursive rules (expr) enter through these instead of EnterRule/ExitRule.
    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        if (++_ruleDepth > MaxRuleDepth)
            throw new NestingTooDeepException(CurrentToken);
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    public override void UnrollRecursionContexts(ParserRuleContext _parentctx)
    {
        _ruleDepth--;
        base.UnrollRecursionContexts(_parentctx);
    }
}

internal sealed class NestingTooDeepException(IToken at) : Exception("nesting too deep")
{
    public IToken At { get; } = at;
}
