using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Tests.Infrastructure;

/// <summary>A message the engine uses, as header and body fields in wire order (groups flattened in dictionary order).</summary>
public sealed record FixSample(string BeginString, string Name, string MsgType, IReadOnlyList<(int Tag, string Value)> Body)
{
    public const string SendingTime = "20261125-14:30:00.123";

    // Deliberately not in tag order: the writer must sort them.
    public static readonly IReadOnlyList<(int Tag, string Value)> Header =
        [(52, SendingTime), (56, "VENUE"), (34, "7"), (49, "SCALP")];

    public string Key => $"{BeginString} {Name}";

    public byte[] Encode(FixMessageWriter writer)
    {
        writer.Begin(BeginString, MsgType);
        foreach (var (tag, value) in Header)
            writer.Header(tag, value);
        foreach (var (tag, value) in Body)
            writer.Field(tag, value);
        return writer.ToArray();
    }

    public override string ToString() => Key;
}

/// <summary>Every message type the engine uses, in FIX 4.2 and 4.4, with groups (nested in 4.4) and data fields.</summary>
public static class Samples
{
    private const string Ts = "20261125-14:30:00.120";

    public static IReadOnlyList<FixSample> All { get; } = [.. Build("FIX.4.2"), .. Build("FIX.4.4")];

    public static FixSample Get(string key) => All.Single(s => s.Key == key);

    public static TheoryData<string> Keys
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var s in All)
                data.Add(s.Key);
            return data;
        }
    }

    private static IEnumerable<FixSample> Build(string v)
    {
        var fix44 = v == "FIX.4.4";
        FixSample S(string name, string type, params (int, string)[] body) => new(v, name, type, body);

        yield return S("Heartbeat", "0", (112, "TEST-1"));
        yield return fix44
            ? S("Logon", "A", (98, "0"), (108, "30"), (95, "7"), (96, "key\u0001=01"), (141, "Y"), (789, "1"), (383, "8192"),
                (384, "2"), (372, "D"), (385, "S"), (372, "8"), (385, "R"), (553, "trader"), (554, "s3cret"))
            : S("Logon", "A", (98, "0"), (108, "30"), (95, "7"), (96, "key\u0001=01"), (141, "Y"), (383, "8192"),
                (384, "2"), (372, "D"), (385, "S"), (372, "8"), (385, "R"));
        yield return S("TestRequest", "1", (112, "TEST-2"));
        yield return S("ResendRequest", "2", (7, "3"), (16, "0"));
        yield return S("Reject", "3", (45, "5"), (371, "44"), (372, "D"), (373, "6"), (58, "Incorrect data format for value"),
            (354, "5"), (355, "caf\u00e9\u0001"));
        yield return S("SequenceReset", "4", (123, "Y"), (36, "12"));
        yield return S("Logout", "5", (58, "session closed"));
        yield return fix44
            ? S("NewOrderSingle", "D", (11, "ORD-1"),
                (453, "2"), (448, "TRADER1"), (447, "D"), (452, "11"), (802, "1"), (523, "DESK-7"), (803, "4"),
                (448, "BROKER"), (447, "D"), (452, "1"),
                (1, "ACC-9"), (21, "1"), (18, "2 6"), (386, "1"), (336, "1"),
                (55, "AAPL"), (48, "037833100"), (22, "1"), (454, "1"), (455, "US0378331005"), (456, "4"), (167, "CS"), (207, "XNAS"),
                (54, "1"), (60, Ts), (38, "100"), (40, "2"), (44, "187.25"), (15, "USD"), (59, "0"), (58, "scalp entry"))
            : S("NewOrderSingle", "D", (11, "ORD-1"), (1, "ACC-9"), (21, "1"), (18, "2 6"), (386, "1"), (336, "1"),
                (55, "AAPL"), (48, "037833100"), (22, "1"), (167, "CS"), (207, "XNAS"),
                (54, "1"), (60, Ts), (38, "100"), (40, "2"), (44, "187.25"), (15, "USD"), (59, "0"), (47, "A"), (58, "scalp entry"));
        yield return S("OrderCancelRequest", "F", (41, "ORD-1"), (37, "OID-1"), (11, "ORD-2"), (1, "ACC-9"), (55, "AAPL"), (54, "1"),
            (60, Ts), (38, "100"), (58, "cancel"));
        yield return S("OrderCancelReplaceRequest", "G", (37, "OID-1"), (41, "ORD-1"), (11, "ORD-3"), (1, "ACC-9"), (21, "1"),
            (55, "AAPL"), (54, "1"), (60, Ts), (38, "200"), (40, "2"), (44, "187.30"), (59, "0"));
        yield return fix44
            ? S("ExecutionReport", "8", (37, "OID-1"), (11, "ORD-1"),
                (453, "1"), (448, "TRADER1"), (447, "D"), (452, "11"),
                (382, "1"), (375, "CB1"), (337, "CT1"), (437, "50"), (438, Ts),
                (17, "EXEC-1"), (150, "F"), (39, "1"), (1, "ACC-9"), (55, "AAPL"), (48, "037833100"), (22, "1"), (54, "1"),
                (38, "100"), (40, "2"), (44, "187.25"), (59, "0"), (32, "50"), (31, "187.25"), (30, "XNAS"), (151, "50"), (14, "50"),
                (6, "187.25"), (75, "20261125"), (60, Ts), (12, "0.35"), (13, "3"), (851, "1"), (58, "partial fill"))
            : S("ExecutionReport", "8", (37, "OID-1"), (11, "ORD-1"),
                (382, "1"), (375, "CB1"), (337, "CT1"), (437, "50"), (438, Ts),
                (17, "EXEC-1"), (20, "0"), (150, "1"), (39, "1"), (1, "ACC-9"), (55, "AAPL"), (48, "037833100"), (22, "1"), (54, "1"),
                (38, "100"), (40, "2"), (44, "187.25"), (59, "0"), (32, "50"), (31, "187.25"), (30, "XNAS"), (151, "50"), (14, "50"),
                (6, "187.25"), (75, "20261125"), (60, Ts), (12, "0.35"), (13, "3"), (58, "partial fill"));
        yield return S("OrderCancelReject", "9", (37, "OID-1"), (11, "ORD-2"), (41, "ORD-1"), (39, "0"), (1, "ACC-9"), (60, Ts),
            (434, "1"), (102, "0"), (58, "too late"));
        yield return S("BusinessMessageReject", "j", (45, "9"), (372, "Z"), (380, "3"), (58, "Unsupported Message Type"));
        yield return fix44
            ? S("MarketDataRequest", "V", (262, "MD-1"), (263, "1"), (264, "5"), (265, "1"), (266, "Y"),
                (267, "2"), (269, "0"), (269, "1"),
                (146, "2"), (55, "AAPL"), (48, "037833100"), (22, "1"), (454, "1"), (455, "US0378331005"), (456, "4"), (55, "MSFT"),
                (386, "1"), (336, "1"))
            : S("MarketDataRequest", "V", (262, "MD-1"), (263, "1"), (264, "5"), (265, "1"), (266, "Y"),
                (267, "2"), (269, "0"), (269, "1"),
                (146, "2"), (55, "AAPL"), (48, "037833100"), (22, "1"), (55, "MSFT"), (336, "1"));
        yield return S("MarketDataSnapshotFullRefresh", "W", (262, "MD-1"), (55, "AAPL"),
            (268, "3"),
            (269, "0"), (270, "187.24"), (15, "USD"), (271, "300"), (273, "14:30:00.120"), (290, "1"),
            (269, "1"), (270, "187.26"), (271, "200"), (290, "1"),
            (269, "2"), (270, "187.25"), (271, "100"), (272, "20261125"), (273, "14:29:59.999"));
        yield return fix44
            ? S("MarketDataIncrementalRefresh", "X", (262, "MD-1"),
                (268, "2"),
                (279, "0"), (269, "0"), (278, "B1"), (55, "AAPL"), (454, "2"), (455, "US0378331005"), (456, "4"), (455, "2046251"), (456, "2"),
                (270, "187.24"), (271, "300"), (290, "1"),
                (279, "2"), (269, "1"), (278, "A7"), (55, "AAPL"), (270, "187.26"))
            : S("MarketDataIncrementalRefresh", "X", (262, "MD-1"),
                (268, "2"),
                (279, "0"), (269, "0"), (278, "B1"), (55, "AAPL"), (270, "187.24"), (271, "300"), (290, "1"),
                (279, "2"), (269, "1"), (278, "A7"), (55, "AAPL"), (270, "187.26"));
    }
}
