namespace ScalpLang.Scripting.Host;

/// <summary>What a research script sees besides the <see cref="Scalp"/> facade (docs/scripting.md).</summary>
public sealed class ScriptGlobals
{
    internal ScriptGlobals(IReadOnlyList<string> args, string scriptDirectory, TextWriter output)
    {
        Args = args;
        ScriptDirectory = scriptDirectory;
        Out = output;
    }

    /// <summary>The arguments after `--` on the command line.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>The folder of the running script (absolute).</summary>
    public string ScriptDirectory { get; }

    /// <summary>Where the script's output goes (the command's standard output; Console.Out is the same).</summary>
    public TextWriter Out { get; }

    /// <summary>A path relative to the script's folder, so a script runs from any current directory.</summary>
    public string Here(string relative) => Path.GetFullPath(Path.Combine(ScriptDirectory, relative));
}
