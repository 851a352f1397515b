using System.IO.MemoryMappedFiles;

namespace ScalpLang.Runtime.Tape;

/// <summary>
/// A tape file mapped into memory read-only: the header is checked on open (and the file length
/// against its record count, so a truncated copy is caught before any replay), and the records
/// are one span over the mapping, so a replay reads them at memory speed whatever the file size.
/// </summary>
public sealed unsafe class TapeFile : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _start;
    private readonly long _recordBytes;

    private TapeFile(string path, TapeHeader header, MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* start, long recordBytes)
    {
        Path = path;
        Header = header;
        _file = file;
        _view = view;
        _start = start;
        _recordBytes = recordBytes;
    }

    public string Path { get; }
    public TapeHeader Header { get; }

    /// <summary>The records, as one span (tapes of up to 2 GiB of records; larger ones are refused on open).</summary>
    public ReadOnlySpan<byte> Records => _start is null ? default : new ReadOnlySpan<byte>(_start + TapeHeader.Length, (int)_recordBytes);

    /// <summary>Opens and checks a tape; a problem is a <see cref="TapeException"/> naming the file.</summary>
    public static TapeFile Open(string path)
    {
        if (!File.Exists(path))
            throw new TapeException($"{path}: no such file");
        long length = new FileInfo(path).Length;
        Span<byte> head = stackalloc byte[TapeHeader.Length];
        using (var stream = File.OpenRead(path))
            head = head[..stream.ReadAtLeast(head, TapeHeader.Length, throwOnEndOfStream: false)];
        var header = TapeHeader.Read(head, out var error) ?? throw new TapeException($"{path}: {error}");
        // In decimal: a corrupt count whose byte length wraps 64 bits must not match the file.
        decimal expected = TapeHeader.Length + (decimal)header.RecordCount * TapeRecord.Length;
        if (length != expected)
            throw new TapeException($"{path}: the header promises {header.RecordCount} records ({expected} bytes) but the file has {length} bytes (truncated or corrupt)");
        if (header.RecordCount * TapeRecord.Length > int.MaxValue)
            throw new TapeException($"{path}: {header.RecordCount} records exceed the 2 GiB a replay maps at once");
        if (header.RecordCount == 0)
            return new TapeFile(path, header, null, null, null, 0);
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        start += view.PointerOffset;
        return new TapeFile(path, header, file, view, start, header.RecordCount * TapeRecord.Length);
    }

    public void Dispose()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _file?.Dispose();
    }
}
