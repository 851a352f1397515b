using System.Diagnostics;
using System.Text.RegularExpressions;
using ScalpLang.Backtest.Reports;

namespace ScalpLang.Backtest.Tests.Reports;

/// <summary>
/// The HTML report opened in headless Chromium (Debian's chromium; ./test.sh installs it) with the
/// network cut off (every request goes to a dead proxy): each chart must have been drawn by
/// plotly.js, not just left as its empty placeholder.
/// </summary>
public sealed partial class ChromiumRenderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_report_renders_its_charts_offline()
    {
        var html = ReportHtml.Render(ReportRunTests.Run());
        Assert.DoesNotMatch(SourceAttribute(), html); // nothing loaded from elsewhere
        Assert.DoesNotContain("class=\"main-svg\"", html, StringComparison.Ordinal); // only scripts that ran can add the plots

        var dom = DumpDom(html, "report.html");
        foreach (var id in ReportHtml.ChartIds)
        {
            var chart = Chart(dom, id);
            Assert.True(chart.Contains("js-plotly-plot", StringComparison.Ordinal), $"chart {id} was not plotted");
            Assert.True(chart.Contains("class=\"main-svg\"", StringComparison.Ordinal), $"chart {id} has no SVG");
        }
        // Lines drawn for the series, markers for the fills, bars for the markouts.
        Assert.Matches(LinePath(), Chart(dom, "equity"));
        Assert.Matches(LinePath(), Chart(dom, "drawdown"));
        Assert.True(Regex.Count(Chart(dom, "fills"), "class=\"point\"") > 10, "no fill markers");
        Assert.Equal(3, Regex.Count(Chart(dom, "markouts"), "class=\"point\""));
        Assert.Contains("legendtext", Chart(dom, "fills"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_plotly_js_the_check_sees_no_charts()
    {
        // The control for the test above: the same page with the library removed draws nothing.
        var html = ReportHtml.Render(ReportRunTests.Run("synthetic:seed=5,events=2000"));
        var start = html.IndexOf("<script>", StringComparison.Ordinal);
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        var dom = DumpDom(html[..start] + html[(end + "</script>".Length)..], "bare.html");
        Assert.Contains("id=\"equity\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"main-svg\"", dom, StringComparison.Ordinal);
    }

    /// <summary>The element of chart <paramref name="id"/> up to the next chart's heading.</summary>
    private static string Chart(string dom, string id)
    {
        var start = dom.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no element {id}");
        var end = dom.IndexOf("<h2", start, StringComparison.Ordinal);
        return dom[start..(end < 0 ? dom.Length : end)];
    }

    private string DumpDom(string html, string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, html);
        var chromium = FindChromium();
        var info = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                     $"--user-data-dir={Path.Combine(_dir, "profile")}", "--virtual-time-budget=10000", "--dump-dom", new Uri(path).AbsoluteUri })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var dom = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish in 60 s");
        }
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {stderr.Result}");
        return dom;
    }

    private static string FindChromium()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "chromium", "chromium-browser" })
                if (File.Exists(Path.Combine(dir, name)))
                    return Path.Combine(dir, name);
        Assert.Fail("chromium is not installed (./test.sh installs Debian's chromium package)");
        return "";
    }

    [GeneratedRegex("""<(script|link|img|iframe)[^>]*\s(src|href)=""", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttribute();

    [GeneratedRegex("""class="js-line"[^>]*d="M[^"]{40,}""")]
    private static partial Regex LinePath();
}
