using System.Security.Cryptography;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// A strategy assembly as `scalp build` emits it, with the name of its strategy type and a SHA-256
/// of the bytes: a silo loads each distinct image once (<see cref="StrategyCache"/>), however many
/// work items carry it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StrategyImage([property: Id(0)] string Hash, [property: Id(1)] string TypeName, [property: Id(2)] byte[] Bytes)
{
    public static StrategyImage From(byte[] bytes, string typeName) => new(Convert.ToHexString(SHA256.HashData(bytes)), typeName, bytes);
}
