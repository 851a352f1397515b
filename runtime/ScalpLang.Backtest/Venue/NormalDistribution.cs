namespace ScalpLang.Backtest.Venue;

/// <summary>
/// The standard normal's CDF and quantile, used only to build a latency model's quantile table
/// once (never per sample). CDF: Numerical Recipes' Chebyshev erfc (relative error under
/// 1.2e-7); quantile: Acklam's rational approximation (relative error under 1.15e-9). Both far
/// finer than a nanosecond of latency needs.
/// </summary>
internal static class NormalDistribution
{
    public static double Cdf(double z)
    {
        if (double.IsNegativeInfinity(z))
            return 0;
        if (double.IsPositiveInfinity(z))
            return 1;
        return 0.5 * Erfc(-z / Math.Sqrt(2));
    }

    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }

    /// <summary>z with <c>Cdf(z) = p</c>, for p strictly between 0 and 1.</summary>
    public static double Quantile(double p)
    {
        const double Low = 0.02425;
        if (p < Low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return Tail(q);
        }
        if (p > 1 - Low)
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -Tail(q);
        }
        double c = p - 0.5, r = c * c;
        return (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                   + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * c
               / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
    }

    private static double Tail(double q) =>
        (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
           - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
        / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
            + 3.754408661907416e+00) * q + 1);
}
