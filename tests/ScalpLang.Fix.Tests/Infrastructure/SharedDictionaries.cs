using ScalpLang.Fix.Dictionaries;

namespace ScalpLang.Fix.Tests.Infrastructure;

/// <summary>QuickFIX's full FIX 4.2 and 4.4 dictionaries from ../shared/fix/spec, loaded once.</summary>
public static class SharedDictionaries
{
    public const string Fix42Path = "fix/spec/FIX42.xml";
    public const string Fix44Path = "fix/spec/FIX44.xml";

    private static readonly Lazy<FixDictionary> LazyFix42 = new(() => FixDictionary.Load(RepoPaths.SharedFile(Fix42Path)));
    private static readonly Lazy<FixDictionary> LazyFix44 = new(() => FixDictionary.Load(RepoPaths.SharedFile(Fix44Path)));

    public static FixDictionary Fix42 => LazyFix42.Value;
    public static FixDictionary Fix44 => LazyFix44.Value;

    public static FixDictionary For(string beginString) => beginString == "FIX.4.2" ? Fix42 : Fix44;
}
