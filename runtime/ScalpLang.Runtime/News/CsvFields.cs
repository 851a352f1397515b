namespace ScalpLang.Runtime.News;

/// <summary>
/// Splits one CSV line (RFC 4180 quoting within the line: a quoted field may hold commas and
/// doubled quotes; a field cannot span lines). Returns null and a reason for a malformed line.
/// </summary>
public static class CsvFields
{
    public static List<string>? Split(string line, out string? error)
    {
        error = null;
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var text = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = $"field {fields.Count + 1}: a quoted field is not closed on its line";
                        return null;
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            text.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.Append(line[i++]);
                }
                fields.Add(text.ToString());
                if (i < line.Length && line[i] != ',')
                {
                    error = $"field {fields.Count}: text after the closing quote (a quote inside a quoted field is written \"\")";
                    return null;
                }
            }
            else
            {
                var end = line.IndexOf(',', i);
                var field = end < 0 ? line[i..] : line[i..end];
                if (field.Contains('"'))
                {
                    error = $"field {fields.Count + 1}: a quote inside an unquoted field (quote the whole field)";
                    return null;
                }
                fields.Add(field);
                i = end < 0 ? line.Length : end;
            }
            if (i >= line.Length)
                return fields;
            i++; // the comma
            if (i == line.Length)
            {
                fields.Add("");
                return fields;
            }
        }
    }
}
