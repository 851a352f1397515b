using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ScalpLang.Runtime.Abi.Tests")]
