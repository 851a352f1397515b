// Custom signals for book_pressure.scalp: C# functions a strategy imports with `import "signals.csx"`.
// Exported functions are `public static` over bool and the unit types (Ratio, Count, Price, Ticks,
// Lots, Duration), whose operators are the language's own Q47.16 arithmetic (grammar/README.md §3.12).

// The top level's book pressure, (bid - ask) / (bid + ask): 0 on an empty book, like the language's `/`.
public static Ratio book_pressure(Lots bid, Lots ask)
{
    var total = bid + ask;
    return total.Raw == 0 ? Ratio.Of(0) : (bid - ask) / total;
}

// A spread at most `limit` wide.
public static bool tight(Ticks spread, Ticks limit) => spread <= limit;
