using System.Globalization;

namespace ScalpLang.Fix.Benchmarks.RoundTrip;

internal enum RoundTripRole
{
    Floor,
    QuickFix,
    Ours,
}

/// <summary>
/// The `--roundtrip` table: p50, p99, max and round trips/s per row; our rows also show p50
/// over the floor's p50 and our round trips/s over the best QuickFIX row's.
/// </summary>
internal sealed class RoundTripTable
{
    private readonly List<(string Name, double P50, double P99, double Max, double PerSecond, RoundTripRole Role)> _rows = [];

    public void Add(string name, (double[] Micros, double Seconds) run, RoundTripRole role)
    {
        var sorted = run.Micros.Order().ToArray();
        double Pct(double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        _rows.Add((name, Pct(0.50), Pct(0.99), sorted[^1], sorted.Length / run.Seconds, role));
    }

    public void Print(TextWriter output)
    {
        var floor = _rows.Where(r => r.Role == RoundTripRole.Floor).Select(r => r.P50).DefaultIfEmpty(double.NaN).First();
        var quickFix = _rows.Where(r => r.Role == RoundTripRole.QuickFix).Select(r => r.PerSecond).DefaultIfEmpty(double.NaN).Max();
        output.WriteLine($"{"",-30} {"p50 us",8} {"p99 us",8} {"max us",9} {"trips/s",9} {"p50/floor",10} {"x QuickFIX",11}");
        foreach (var r in _rows)
        {
            // Blank where the row to compare with was not run (--ours).
            var ratios = r.Role == RoundTripRole.Ours
                ? string.Create(CultureInfo.InvariantCulture, $"{Ratio(r.P50, floor),10} {Ratio(r.PerSecond, quickFix),11}")
                : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-30} {r.P50,8:F1} {r.P99,8:F1} {r.Max,9:F0} {r.PerSecond,9:N0} {ratios}"));
        }
        output.WriteLine("p50/floor: our median over the raw floor's (target <= 1.5); x QuickFIX: our round trips/s over the faster QuickFIX row's (target >= 2.5)");
    }

    private static string Ratio(double ours, double other) =>
        double.IsNaN(other) ? "" : (ours / other).ToString("F2", CultureInfo.InvariantCulture);
}
