using ScalpLang.Backtest;

namespace ScalpLang.Ml.Tests;

/// <summary>The LOBSTER GOOG day in ../shared (a failure, not a skip, under SCALP_REQUIRE_SHARED=1).</summary>
internal static class GoogDay
{
    public static string Root
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
                dir = Path.GetDirectoryName(dir)!;
            return dir;
        }
    }

    /// <summary>The data, or null when ../shared is not beside this checkout.</summary>
    public static DataSpec? Data
    {
        get
        {
            var folder = Path.Combine(Path.GetDirectoryName(Root)!, "shared", "data", "lobster", "GOOG_2012-06-21_1");
            var message = Directory.Exists(folder) ? Directory.GetFiles(folder, "*message*.csv").FirstOrDefault() : null;
            if (message is null)
                Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing LOBSTER GOOG data under {folder}");
            return message is null ? null : new DataSpec(DataKind.Lobster, message);
        }
    }

    /// <summary>A scratch folder holding the strategy text as strategy.scalp.</summary>
    public static string WriteStrategy(string text)
    {
        var dir = Directory.CreateTempSubdirectory("scalp-ml-").FullName;
        File.WriteAllText(Path.Combine(dir, "strategy.scalp"), text);
        return dir;
    }

    /// <summary>The features of examples/ml_imbalance_scalper.scalp's model block, with the signals they name.</summary>
    public const string Features = """
        signal imb  = imbalance(levels: 1)
        signal flow = aggressor_ratio(window: 1s)
        model p_up = "p_up.zip" features [imb, spread, flow, cancel_rate(window: 1s), trade_volume(window: 1s)]
        """;

    public static string Strategy(string rules) => $"""
        strategy MlTest
        instrument "GOOG" tick 0.01 lot 1 currency USD
        book depth 1
        {Features}
        {rules}
        """;
}
