using System.Globalization;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>A flat FIX message shown with '|' for SOH (no repeating groups in these tests), by tag.</summary>
public sealed class FixFields
{
    private readonly Dictionary<int, string> _fields = [];

    public string Text { get; private init; } = "";

    public static FixFields Parse(string text)
    {
        var result = new FixFields { Text = text };
        foreach (var pair in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0, $"not tag=value: '{pair}' in {text}");
            Assert.True(result._fields.TryAdd(int.Parse(pair[..eq], CultureInfo.InvariantCulture), pair[(eq + 1)..]), $"tag repeated in {text}");
        }
        return result;
    }

    public string? this[int tag] => _fields.GetValueOrDefault(tag);
    public bool Has(int tag) => _fields.ContainsKey(tag);
    public string MsgType => this[35] ?? "";
    public int SeqNum => int.Parse(this[34] ?? "0", CultureInfo.InvariantCulture);

    /// <summary>A decimal field compared by value (QuickFIX writes 100 for 100.00).</summary>
    public decimal? Decimal(int tag) => this[tag] is { } v ? decimal.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public override string ToString() => Text;
}
