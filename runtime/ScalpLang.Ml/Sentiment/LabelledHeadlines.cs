using ScalpLang.Runtime.News;

namespace ScalpLang.Ml.Sentiment;

/// <summary>
/// Reads a labelled headline file for `scalp train-text`: <c>text,label</c> rows, an optional
/// header (<c>text,label</c>), label <c>1</c>/<c>0</c>, <c>true</c>/<c>false</c> or
/// <c>positive</c>/<c>negative</c>. A bad row is an error <c>file:line: reason</c>.
/// </summary>
public static class LabelledHeadlines
{
    public static List<HeadlineRow>? Read(string path, out string? error)
    {
        error = null;
        var rows = new List<HeadlineRow>();
        long number = 0;
        using var reader = new StreamReader(path);
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0)
                continue;
            var fields = CsvFields.Split(line, out var csvError);
            if (fields is null)
            {
                error = $"{path}:{number}: {csvError}";
                return null;
            }
            if (number == 1 && fields.Count == 2 && fields[0].Trim().Equals("text", StringComparison.OrdinalIgnoreCase))
                continue;
            if (fields.Count != 2)
            {
                error = $"{path}:{number}: expected text,label: {fields.Count} field(s)";
                return null;
            }
            var text = fields[0].Trim();
            if (text.Length == 0)
            {
                error = $"{path}:{number}: the text is empty";
                return null;
            }
            bool? label = fields[1].Trim().ToLowerInvariant() switch
            {
                "1" or "true" or "positive" or "pos" => true,
                "0" or "false" or "negative" or "neg" => false,
                _ => null,
            };
            if (label is null)
            {
                error = $"{path}:{number}: label '{fields[1].Trim()}' is not 1/0, true/false or positive/negative";
                return null;
            }
            rows.Add(new HeadlineRow { Text = text, Label = label.Value });
        }
        return rows;
    }
}
