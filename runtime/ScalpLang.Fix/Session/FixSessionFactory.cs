using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Store;

namespace ScalpLang.Fix.Session;

/// <summary>
/// Builds sessions from settings: a <see cref="FileStore"/> under FileStorePath (else a
/// <see cref="MemoryStore"/>) and the DataDictionary file (else the engine's own dictionary for
/// the BeginString). Relative paths are taken from the base directory given, with QuickFIX's
/// Windows-style separators accepted.
/// </summary>
public static class FixSessionFactory
{
    public static FixSession Create(
        SessionSettings settings,
        ISessionApplication application,
        string? baseDirectory = null,
        TimeProvider? clock = null,
        Func<SessionSettings, FixDictionary>? dictionary = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        clock ??= TimeProvider.System;
        var dict = dictionary?.Invoke(settings) ?? LoadDictionary(settings, baseDirectory);
        IMessageStore store = settings.FileStorePath is { } folder
            ? FileStore.Open(
                Path.Combine(Resolve(folder, baseDirectory), settings.Id.FileName),
                new FileStoreOptions { Fsync = settings.FsyncPolicy, FsyncInterval = settings.FsyncInterval },
                clock)
            : new MemoryStore(clock.GetUtcNow().UtcDateTime);
        return new FixSession(settings, store, dict, application, clock);
    }

    public static FixDictionary LoadDictionary(SessionSettings settings, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.DataDictionary is { } path)
            return FixDictionary.Load(Resolve(path, baseDirectory));
        return FixDictionary.ForBeginString(settings.Id.BeginString)
            ?? throw new SessionSettingsException($"{settings.Source}: no dictionary for {settings.Id.BeginString}");
    }

    private static string Resolve(string path, string? baseDirectory)
    {
        path = path.Replace('\\', Path.DirectorySeparatorChar);
        return Path.IsPathRooted(path) || baseDirectory is null ? path : Path.Combine(baseDirectory, path);
    }
}
