using ScalpLang.Compiler.Text;

namespace ScalpLang.Cli;

/// <summary>Reads a source file named on the command line; I/O problems become one clear line (exit 2).</summary>
internal static class SourceFiles
{
    public static bool TryRead(string path, TextWriter stderr, out byte[] bytes, out long length)
    {
        bytes = [];
        length = 0;
        try
        {
            if (Directory.Exists(path))
            {
                stderr.WriteLine($"scalp: {path}: is a directory, not a .scalp file");
                return false;
            }
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                stderr.WriteLine($"scalp: {path}: no such file");
                return false;
            }
            length = info.Length;
            // Refuse huge files without reading them whole; the decoder reports the limit as SL1008.
            if (info.Length > SourceDecoder.MaxSourceBytes)
            {
                bytes = new byte[SourceDecoder.MaxSourceBytes + 1];
                using var stream = info.OpenRead();
                stream.ReadExactly(bytes);
                return true;
            }
            bytes = File.ReadAllBytes(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"scalp: {path}: cannot read: {e.Message}");
            return false;
        }
    }
}
