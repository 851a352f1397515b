using System.Reflection;
using System.Reflection.Emit;
using ScalpLang.Compiler.Ir;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il;

/// <summary>
/// Compiled inference (grammar/README.md §6.1): each model becomes static methods of the strategy
/// class over the feature values (raw Q47.16 longs in arguments). A tree is nested compare-and-
/// branch code with the quantised thresholds and leaves as immediates; trees are grouped eight
/// to a method so that no method grows past what the JIT optimises fully. No allocation, no
/// PredictionEngine, no floating point.
/// </summary>
public sealed class ModelEmitter(TypeBuilder type)
{
    /// <summary>Trees per helper method: about 130 basic blocks and 15 KB of IL each at depth 6.</summary>
    private const int TreesPerMethod = 8;

    private readonly Dictionary<int, MethodBuilder> _methods = [];

    /// <summary>Defines <c>static long model_NAME(long f0, ..)</c>, the probability, and its helpers.</summary>
    public MethodBuilder Define(IrModelScore model)
    {
        if (_methods.TryGetValue(model.Id, out var existing))
            return existing;
        var arity = model.Features.Length;
        var parameters = Enumerable.Repeat(typeof(long), arity).ToArray();
        const MethodAttributes attributes = MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig;
        var score = type.DefineMethod($"model_{model.Name}_{model.Id}", attributes, typeof(long), parameters);
        var il = score.GetILGenerator();
        switch (model.Function)
        {
            case QuantisedTrees trees:
                il.Emit(OpCodes.Ldc_I8, trees.Bias);
                for (var first = 0; first < trees.Trees.Length; first += TreesPerMethod)
                {
                    var chunk = trees.Trees.Skip(first).Take(TreesPerMethod).ToList();
                    var helper = type.DefineMethod($"model_{model.Name}_{model.Id}_trees_{first}", attributes, typeof(long), parameters);
                    EmitTrees(helper.GetILGenerator(), chunk);
                    for (var a = 0; a < arity; a++)
                        il.Emit(OpCodes.Ldarg, a);
                    il.Emit(OpCodes.Call, helper);
                    il.Emit(OpCodes.Add);
                }
                break;
            case QuantisedLinear linear:
                il.Emit(OpCodes.Ldc_I8, linear.Bias);
                for (var a = 0; a < arity; a++)
                {
                    il.Emit(OpCodes.Ldc_I8, linear.Weights[a]);
                    il.Emit(OpCodes.Ldarg, a);
                    il.Emit(OpCodes.Call, typeof(Q).GetMethod(nameof(Q.Mul))!);
                    il.Emit(OpCodes.Add);
                }
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"unknown model function {model.Function.GetType().Name}");
        }
        // logit = scale * score + offset, then the table sigmoid.
        var scoreLocal = il.DeclareLocal(typeof(long));
        il.Emit(OpCodes.Stloc, scoreLocal);
        il.Emit(OpCodes.Ldc_I8, model.LogitScale);
        il.Emit(OpCodes.Ldloc, scoreLocal);
        il.Emit(OpCodes.Call, typeof(Q).GetMethod(nameof(Q.Mul))!);
        il.Emit(OpCodes.Ldc_I8, model.LogitOffset);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Call, typeof(QSigmoid).GetMethod(nameof(QSigmoid.Apply))!);
        il.Emit(OpCodes.Ret);
        _methods[model.Id] = score;
        return score;
    }

    /// <summary>Sum of the trees' leaves: each tree branches down to a leaf that adds its value and jumps to the next tree.</summary>
    private static void EmitTrees(ILGenerator il, IReadOnlyList<QuantisedTree> trees)
    {
        var sum = il.DeclareLocal(typeof(long));
        il.Emit(OpCodes.Ldc_I8, 0L);
        il.Emit(OpCodes.Stloc, sum);
        foreach (var tree in trees)
        {
            var next = il.DefineLabel();
            if (tree.SplitFeature.IsEmpty)
                AddLeaf(il, sum, tree.Leaves[0], next);
            else
                EmitNode(il, tree, 0, sum, next);
            il.MarkLabel(next);
        }
        il.Emit(OpCodes.Ldloc, sum);
        il.Emit(OpCodes.Ret);
    }

    private static void EmitNode(ILGenerator il, QuantisedTree tree, int node, LocalBuilder sum, Label next)
    {
        var right = il.DefineLabel();
        il.Emit(OpCodes.Ldarg, tree.SplitFeature[node]);
        il.Emit(OpCodes.Ldc_I8, tree.Threshold[node]);
        il.Emit(OpCodes.Bgt, right);
        EmitChild(il, tree, tree.Left[node], sum, next);
        il.MarkLabel(right);
        EmitChild(il, tree, tree.Right[node], sum, next);
    }

    private static void EmitChild(ILGenerator il, QuantisedTree tree, int child, LocalBuilder sum, Label next)
    {
        if (child < 0)
            AddLeaf(il, sum, tree.Leaves[~child], next);
        else
            EmitNode(il, tree, child, sum, next);
    }

    private static void AddLeaf(ILGenerator il, LocalBuilder sum, long leaf, Label next)
    {
        il.Emit(OpCodes.Ldloc, sum);
        il.Emit(OpCodes.Ldc_I8, leaf);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, sum);
        il.Emit(OpCodes.Br, next);
    }

    /// <summary>
    /// One model compiled alone, for tests and benchmarks: a collectible in-memory assembly whose
    /// <c>Score(long[] features)</c> calls the same code a strategy calls.
    /// </summary>
    public static Func<long[], long> CompileStandalone(IrModelScore model)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("ScalpModel_" + model.Name), AssemblyBuilderAccess.RunAndCollect);
        var module = assembly.DefineDynamicModule("ScalpModel_" + model.Name);
        var holder = module.DefineType("ScalpLang.Models." + model.Name, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
        var score = new ModelEmitter(holder).Define(model);
        var entry = holder.DefineMethod("Score", MethodAttributes.Public | MethodAttributes.Static, typeof(long), [typeof(long[])]);
        var il = entry.GetILGenerator();
        for (var a = 0; a < model.Features.Length; a++)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, a);
            il.Emit(OpCodes.Ldelem_I8);
        }
        il.Emit(OpCodes.Call, score);
        il.Emit(OpCodes.Ret);
        var created = holder.CreateType();
        return created.GetMethod("Score")!.CreateDelegate<Func<long[], long>>();
    }
}
