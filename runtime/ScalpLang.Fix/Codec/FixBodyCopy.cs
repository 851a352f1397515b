namespace ScalpLang.Fix.Codec;

/// <summary>
/// Copies a parsed message's body into a writer the way QuickFIX re-serialises a message it
/// echoes: top-level body fields by ascending tag, each repeating group right after its
/// counter with its entries as received (validation has already checked they follow the
/// dictionary's order).
/// </summary>
public static class FixBodyCopy
{
    public static void CopySorted(FixMessage source, FixMessageWriter destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        // A block is one top-level body field and the group members that follow it.
        Span<(int Tag, int First, int End)> blocks = source.FieldCount <= 256
            ? stackalloc (int, int, int)[source.FieldCount]
            : new (int, int, int)[source.FieldCount];
        var count = 0;
        for (var i = 0; i < source.FieldCount; i++)
        {
            var field = source[i];
            if (field.IsInGroup)
            {
                if (count > 0 && blocks[count - 1].End == i)
                    blocks[count - 1].End = i + 1;
                continue;
            }
            if (field.Section == FixSection.Body)
                blocks[count++] = (field.Tag, i, i + 1);
        }
        blocks = blocks[..count];
        // Insertion sort: stable, and bodies are short.
        for (var i = 1; i < blocks.Length; i++)
        {
            var current = blocks[i];
            var j = i - 1;
            while (j >= 0 && blocks[j].Tag > current.Tag)
            {
                blocks[j + 1] = blocks[j];
                j--;
            }
            blocks[j + 1] = current;
        }
        foreach (var (_, first, end) in blocks)
        {
            for (var i = first; i < end; i++)
            {
                var field = source[i];
                destination.Field(field.Tag, source.GetValue(field));
            }
        }
    }
}
