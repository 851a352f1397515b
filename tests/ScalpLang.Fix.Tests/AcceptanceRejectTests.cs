using System.Text;
using System.Text.RegularExpressions;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

/// <summary>
/// QuickFIX's FIX 4.4 acceptance scripts (../shared/fix/acceptance) against the validator: every
/// message the scripts send is parsed with QuickFIX's FIX44.xml; where the script expects a
/// session-level Reject of a dictionary problem, the validator must give the same
/// SessionRejectReason (373), RefTagID (371) and Text (58); everything else must validate. The
/// session rules (CompID, SendingTime, PossDup without OrigSendingTime) and garbled messages are
/// the session layer's business and are left out.
/// </summary>
public partial class AcceptanceRejectTests
{
    private const string AcceptancePath = "fix/acceptance";

    public static TheoryData<string> Scripts
    {
        get
        {
            var data = new TheoryData<string>();
            var root = Path.Combine(RepoPaths.Shared, AcceptancePath);
            if (!Directory.Exists(root))
            {
                data.Add("(../shared/fix/acceptance is absent)");
                return data;
            }
            foreach (var file in Directory.EnumerateFiles(root, "*.def", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            return data;
        }
    }

    [SharedTheory(AcceptancePath, SharedDictionaries.Fix44Path)]
    [MemberData(nameof(Scripts))]
    public void Validator_agrees_with_the_acceptance_script(string script)
    {
        var path = Path.Combine(RepoPaths.SharedFile(AcceptancePath), script);
        Assert.True(File.Exists(path), $"{path} is missing");
        var dictionary = SharedDictionaries.Fix44;
        var parser = new FixParser(dictionary);
        var sent = new List<(int Line, int Seq, FixMessage Message, FixReject Actual)>();
        var checkedRejects = 0;
        var lineNumber = 0;
        foreach (var raw in File.ReadAllLines(path, Encoding.UTF8))
        {
            lineNumber++;
            var line = raw.Trim();
            var match = StepLine().Match(line);
            if (!match.Success)
                continue;
            var text = TimePlaceholder().Replace(match.Groups["text"].Value, "20261125-14:30:00");
            if (match.Groups["dir"].Value == "I")
            {
                var message = new FixMessage();
                if (!parser.TryParse(FixText.Decorate(text), message, out _))
                    continue; // garbled on purpose: the session drops it
                message.TryGetInt(FixTag.MsgSeqNum, out var seq);
                sent.Add((lineNumber, seq, message, dictionary.Validate(message)));
                continue;
            }
            var fields = text.Split('\u0001', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .GroupBy(kv => kv[0])
                .ToDictionary(g => g.Key, g => g.First()[1]);
            if (fields.GetValueOrDefault("35") != "3" || !fields.TryGetValue("373", out var reasonText) || !fields.TryGetValue("45", out var refSeq))
                continue;
            var reason = (SessionRejectReason)int.Parse(reasonText, System.Globalization.CultureInfo.InvariantCulture);
            fields.TryGetValue("371", out var refTag);
            if (IsSessionRule(reason, refTag))
                continue;
            var index = sent.FindLastIndex(s => s.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) == refSeq);
            Assert.True(index >= 0, $"{script}:{lineNumber}: no sent message with MsgSeqNum {refSeq}");
            var (sentLine, _, msg, actual) = sent[index];
            var where = $"{script}:{sentLine} {msg}";
            Assert.True(actual.IsRejected, $"{where}: expected {reason} ({fields.GetValueOrDefault("58")}), the validator accepted it");
            Assert.Equal(reason, actual.Reason);
            Assert.Equal(fields.GetValueOrDefault("58"), actual.Text);
            Assert.Equal(refTag, actual.HasRefTagId ? actual.RefTagId.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            sent[index] = (sentLine, -1, msg, FixReject.None); // matched
            checkedRejects++;
        }
        foreach (var (line, seq, message, actual) in sent)
        {
            if (seq >= 0)
                Assert.False(actual.IsRejected, $"{script}:{line}: the script expects no Reject, the validator says {actual}: {message}");
        }
        // The 14x scripts are the session-level Reject cases: each must have been compared.
        if (Path.GetFileName(script).StartsWith("14", StringComparison.Ordinal))
            Assert.True(checkedRejects > 0, $"{script}: no Reject was compared");
    }

    // Rejects the session layer produces from its own rules, not from the dictionary.
    private static bool IsSessionRule(SessionRejectReason reason, string? refTag) =>
        reason is SessionRejectReason.CompIdProblem or SessionRejectReason.SendingTimeAccuracyProblem
        || (reason == SessionRejectReason.RequiredTagMissing && refTag == "122");

    [GeneratedRegex(@"^(?<dir>[IE])(\d+,)?(?<text>8=.*)$")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"<TIME([+-]\d+)?>")]
    private static partial Regex TimePlaceholder();
}
