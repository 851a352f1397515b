using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Runtime.Abi.Scripting;

namespace ScalpLang.Backend.Il;

/// <summary>
/// Emits a call of an imported C# function: a direct static call into the compiled .csx
/// assembly (the JIT may inline it), with raw values wrapped in the unit types by FromRaw and
/// unwrapped by Raw, both no-ops after inlining. Nothing is allocated per call. The script
/// assemblies are loaded into a collectible context only to name their methods.
/// </summary>
internal sealed class ScriptCallEmitter : IDisposable
{
    private readonly AssemblyLoadContext _context = new("scalp:emit-csx", isCollectible: true);
    private readonly Dictionary<string, Assembly> _assemblies = new(StringComparer.Ordinal);

    public void Emit(ILGenerator il, IrScriptCall call, LocalBuilder[] locals)
    {
        var method = Method(call);
        var parameters = method.GetParameters();
        for (var i = 0; i < call.Args.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, locals[call.Args[i].Id]);
            var type = parameters[i].ParameterType;
            if (type != typeof(bool))
                il.Emit(OpCodes.Call, type.GetMethod(nameof(Ratio.FromRaw))!);
        }
        il.Emit(OpCodes.Call, method);
        if (method.ReturnType == typeof(bool))
        {
            // An IR bool is exactly 0 or 1; a C# bool is any non-zero byte when true.
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Cgt_Un);
            return;
        }
        var result = il.DeclareLocal(method.ReturnType);
        il.Emit(OpCodes.Stloc, result);
        il.Emit(OpCodes.Ldloca, result);
        il.Emit(OpCodes.Call, method.ReturnType.GetProperty(nameof(Ratio.Raw))!.GetMethod!);
    }

    private MethodInfo Method(IrScriptCall call)
    {
        var library = call.Library;
        if (!_assemblies.TryGetValue(library.AssemblyName, out var assembly))
        {
            assembly = _context.LoadFromAssemblyPath(library.AssemblyPath);
            _assemblies[library.AssemblyName] = assembly;
            ScriptAssemblies.Register(library.AssemblyName, library.AssemblyPath);
        }
        var types = call.Function.Parameters.Select(p => ClrType(p.Type)).ToArray();
        return assembly.GetType(library.TypeName, throwOnError: true)!
            .GetMethod(call.Function.Name, BindingFlags.Public | BindingFlags.Static, types)
            ?? throw new InvalidOperationException($"{library.DisplayPath}: compiled assembly {library.AssemblyPath} has no function {call.Function.Name}; delete it to recompile");
    }

    /// <summary>The C# type of a ScalpLang type in a .csx signature (grammar/README.md §3.12).</summary>
    public static Type ClrType(ScalpType type) => type.Kind == TypeKind.Bool ? typeof(bool) : type.Unit switch
    {
        Unit.Ratio => typeof(Ratio),
        Unit.Count => typeof(Count),
        Unit.Price => typeof(Price),
        Unit.Ticks => typeof(Ticks),
        Unit.Lots => typeof(Lots),
        _ => typeof(Duration),
    };

    public void Dispose() => _context.Unload();
}
