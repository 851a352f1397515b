using System.Reflection;
using System.Reflection.Emit;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Il;

/// <summary>
/// The training form of a strategy (<see cref="IlEmitOptions.FeatureTapModel"/>): after the
/// windows advance, one model's feature values are computed by the strategy's own code and stored
/// in <c>scalp_features</c>, so `scalp train` learns from exactly the values the strategy sees
/// at decision time.
/// </summary>
internal static class FeatureTap
{
    public static string WhyUnread(IrModel model) =>
        model.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
            ? "its ONNX file was not checked (the front end ran without an ONNX model checker; the scalp command has one)"
            : "its model file was not read (the front end ran without a model reader)";

    public static void Emit(TypeBuilder type, ILGenerator il, IrProgram program, string modelName, Action<int> ensureComputed, LocalBuilder[] locals)
    {
        var features = program.Nodes.Select(n => n switch
        {
            IrModel m when m.Name == modelName => m.Features,
            IrModelScore s when s.Name == modelName => s.Features,
            IrNeuralModel neural when neural.Name == modelName => neural.Features,
            _ => default(System.Collections.Immutable.ImmutableArray<IrValue>?),
        }).FirstOrDefault(f => f is not null)
            ?? throw new ArgumentException($"strategy {program.Name} has no model '{modelName}'", nameof(modelName));
        var field = type.DefineField(IlEmitOptions.FeatureField, typeof(long[]), FieldAttributes.Public);
        for (var i = 0; i < features.Length; i++)
        {
            ensureComputed(features[i].Id);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, field);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldloc, locals[features[i].Id]);
            il.Emit(OpCodes.Stelem_I8);
        }
    }
}
