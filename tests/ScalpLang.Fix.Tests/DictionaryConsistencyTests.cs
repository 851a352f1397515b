using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

/// <summary>
/// The engine's own trimmed dictionaries must agree with QuickFIX's full ones wherever they
/// overlap: same tags, names and types, the same value lists when they give one, the same
/// required flags, and group members in the same relative order (so that group-order checking
/// accepts what a standard counterparty sends).
/// </summary>
public class DictionaryConsistencyTests
{
    public static TheoryData<string> Versions => new() { "FIX.4.2", "FIX.4.4" };

    [SharedTheory(SharedDictionaries.Fix42Path, SharedDictionaries.Fix44Path)]
    [MemberData(nameof(Versions))]
    public void Embedded_dictionary_is_a_consistent_subset_of_QuickFIX(string beginString)
    {
        var mine = FixDictionary.ForBeginString(beginString)!;
        var full = SharedDictionaries.For(beginString);
        var problems = new List<string>();

        Assert.Equal(full.BeginString, mine.BeginString);
        foreach (var field in mine.Fields)
        {
            var other = full.GetField(field.Tag);
            if (other is null)
            {
                problems.Add($"field {field} is not in QuickFIX's dictionary");
                continue;
            }
            if (other.Name != field.Name || other.TypeName != field.TypeName)
                problems.Add($"field {field} is {other} in QuickFIX's dictionary");
            if (field.HasValues && !field.Values.Keys.ToHashSet().SetEquals(other.Values.Keys))
            {
                problems.Add($"field {field} values [{string.Join(",", field.Values.Keys.Order())}] differ from QuickFIX's " +
                             $"[{string.Join(",", other.Values.Keys.Order())}]");
            }
        }
        Compare(mine.Header, full.Header, "header", problems);
        Compare(mine.Trailer, full.Trailer, "trailer", problems);
        foreach (var message in mine.Messages)
        {
            var other = full.GetMessage(message.MsgType);
            if (other is null)
            {
                problems.Add($"message {message} is not in QuickFIX's dictionary");
                continue;
            }
            if (other.Name != message.Name || other.Category != message.Category)
                problems.Add($"message {message} ({message.Category}) is {other} ({other.Category}) in QuickFIX's dictionary");
            Compare(message, other, message.Name, problems);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void Compare(FixFieldContainer mine, FixFieldContainer full, string where, List<string> problems)
    {
        var lastPosition = -1;
        foreach (var member in mine.Members)
        {
            var position = full.PositionOf(member.Tag);
            if (position < 0)
            {
                problems.Add($"{where}: {member.Field.Name} is not a member in QuickFIX's dictionary");
                continue;
            }
            var other = full.Members[position];
            if (other.Required != member.Required)
                problems.Add($"{where}: {member.Field.Name} required={member.Required}, QuickFIX says {other.Required}");
            if (mine is FixGroupDef && position < lastPosition)
                problems.Add($"{where}: {member.Field.Name} is out of QuickFIX's member order");
            lastPosition = Math.Max(lastPosition, position);
            if (member.Group is { } group)
            {
                if (other.Group is null)
                {
                    problems.Add($"{where}: {member.Field.Name} is a group here but not in QuickFIX's dictionary");
                    continue;
                }
                if (group.DelimiterTag != other.Group.DelimiterTag)
                    problems.Add($"{where}: group {group.Name} delimiter {group.DelimiterTag}, QuickFIX says {other.Group.DelimiterTag}");
                Compare(group, other.Group, $"{where}/{group.Name}", problems);
            }
        }
    }
}
