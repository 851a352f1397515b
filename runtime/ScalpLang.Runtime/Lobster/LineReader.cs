namespace ScalpLang.Runtime.Lobster;

internal enum LineStatus : byte
{
    Line,
    End,
    TooLong,
}

/// <summary>
/// Hands out the lines of a stream as byte spans over one fixed buffer, so memory is constant
/// whatever the file size and nothing is decoded or allocated per line. A span is valid until
/// the next call. Accepts LF and CRLF endings and a last line without one.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(Stream stream, int bufferSize)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    public int BufferSize => _buffer.Length;

    public LineStatus Next(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            int newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(pending[..newline]);
                _start += newline + 1;
                LineNumber++;
                return LineStatus.Line;
            }
            if (_eof)
            {
                line = TrimCarriageReturn(pending);
                _start = _end;
                if (pending.IsEmpty)
                    return LineStatus.End;
                LineNumber++;
                return LineStatus.Line;
            }
            if (_start > 0)
            {
                pending.CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                line = default;
                LineNumber++;
                return LineStatus.TooLong;
            }
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
                _eof = true;
            else
                _end += read;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
