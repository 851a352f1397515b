using ScalpLang.Runtime.Lobster;

namespace ScalpLang.Runtime.News;

/// <summary>
/// Streams a headline file, one row at a time in constant memory: <c>time,headline[,symbol]</c>,
/// an optional header row (<c>time,headline[,symbol]</c>), empty lines ignored. Rows must be in
/// time order (equal times keep file order). A bad row stops the reading with
/// <see cref="Error"/> = <c>file:line: reason</c>, or under <see cref="BadRowPolicy.Skip"/> is
/// counted in <see cref="Skipped"/> and passed over.
/// </summary>
public sealed class NewsCsvReader : IDisposable
{
    /// <summary>Longest line accepted: a headline file is small text, and a longer line is a wrong file.</summary>
    public const int MaxLineLength = 64 * 1024;

    private readonly StreamReader _reader;
    private readonly string _path;
    private readonly BadRowPolicy _policy;
    private long _line;
    private long _lastTime = long.MinValue;

    /// <exception cref="IOException">The file cannot be opened (the caller reports it).</exception>
    public NewsCsvReader(string path, BadRowPolicy policy = BadRowPolicy.Stop)
    {
        _path = path;
        _policy = policy;
        _reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024);
    }

    public Headline? Current { get; private set; }

    /// <summary>The first bad row under <see cref="BadRowPolicy.Stop"/> (reading has stopped), else null.</summary>
    public LobsterDiagnostic? Error { get; private set; }

    /// <summary>Rows passed over under <see cref="BadRowPolicy.Skip"/>, and the first of them.</summary>
    public long Skipped { get; private set; }
    public LobsterDiagnostic? FirstSkipped { get; private set; }

    /// <summary>Headlines returned so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Moves to the next headline; false at the end of the file or after an error.</summary>
    public bool Read()
    {
        Current = null;
        if (Error is not null)
            return false;
        while (ReadLine() is { } line)
        {
            if (line.Length > MaxLineLength)
            {
                if (Bad($"the line is longer than {MaxLineLength} characters"))
                    return false;
                continue;
            }
            if (line.Trim().Length == 0)
                continue;
            var fields = CsvFields.Split(line, out var csvError);
            if (fields is null)
            {
                if (Bad(csvError!))
                    return false;
                continue;
            }
            if (_line == 1 && fields[0].Trim().Equals("time", StringComparison.OrdinalIgnoreCase))
                continue; // the header
            if (fields.Count is < 2 or > 3)
            {
                if (Bad($"expected time,headline[,symbol]: {fields.Count} field(s)"))
                    return false;
                continue;
            }
            if (!NewsTime.TryParse(fields[0], out var ns, out var timeError))
            {
                if (Bad(timeError!))
                    return false;
                continue;
            }
            var text = fields[1].Trim();
            if (text.Length == 0)
            {
                if (Bad("the headline is empty"))
                    return false;
                continue;
            }
            if (ns < _lastTime)
            {
                if (Bad($"time {ns} is before the previous headline's {_lastTime}: headlines must be in time order"))
                    return false;
                continue;
            }
            _lastTime = ns;
            var symbol = fields.Count == 3 ? fields[2].Trim() : null;
            Current = new Headline(ns, text, string.IsNullOrEmpty(symbol) ? null : symbol, _line);
            Rows++;
            return true;
        }
        return false;
    }

    private string? ReadLine()
    {
        var line = _reader.ReadLine();
        if (line is not null)
            _line++;
        return line;
    }

    /// <summary>Records a bad row; true when reading must stop.</summary>
    private bool Bad(string reason)
    {
        var diagnostic = new LobsterDiagnostic(_path, _line, reason);
        if (_policy == BadRowPolicy.Stop)
        {
            Error = diagnostic;
            return true;
        }
        Skipped++;
        FirstSkipped ??= diagnostic;
        return false;
    }

    public void Dispose() => _reader.Dispose();
}
