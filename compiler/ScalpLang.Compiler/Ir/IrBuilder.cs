using System.Collections.Immutable;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Ir;

/// <summary>
/// Appends nodes in topological order. Structurally equal nodes are shared (common
/// subexpression elimination by hash-consing) and operations over constants are folded with the
/// reference semantics (ConstantFolder), so the IR holds each computation once.
/// </summary>
public sealed class IrBuilder
{
    private readonly List<IrNode> _nodes = [];
    private readonly Dictionary<IrNode, IrValue> _existing = new(StructuralNodeComparer.Instance);

    public ImmutableArray<IrNode> Nodes => [.. _nodes];

    public int Count => _nodes.Count;

    public IrNode this[IrValue value] => _nodes[value.Id];

    public IrValue Const(ScalpType type, long raw) => Add(new IrConst(0, type, raw));

    public IrValue Param(ScalpType type, int index) => Add(new IrParam(0, type, index));

    public IrValue Input(ScalpType type, IrInputKind kind, int levels = 0, int? levelsParam = null) =>
        Add(new IrInput(0, type, kind, levels, levelsParam));

    public IrValue Window(ScalpType type, IrWindowKind kind, IrValue window, IrValue? bar = null, IrValue? operand = null, int levels = 0, int? levelsParam = null) =>
        Add(new IrWindow(0, type, kind, window, bar, operand, levels, levelsParam));

    public IrValue PeakSinceEntry(ScalpType type, IrValue operand) => Add(new IrPeakSinceEntry(0, type, operand));

    public IrValue Model(string name, string path, ImmutableArray<IrValue> features, Text.SourceLocation location) =>
        Add(new IrModel(0, name, path, features, location));

    public IrValue Sentiment(string name, int slot, Text.SourceLocation location) => Add(new IrSentiment(0, name, slot, location));

    public IrValue NeuralModel(string name, string path, ImmutableArray<IrValue> features, int history, Text.SourceLocation location) =>
        Add(new IrNeuralModel(0, name, path, features, history, location));

    public IrValue ScriptCall(ScalpType type, ScriptLibrary library, ScriptFunction function, ImmutableArray<IrValue> args) =>
        Add(new IrScriptCall(0, type, library, function, args));
    public IrValue ModelScore(string name, string trainer, ImmutableArray<IrValue> features, QuantisedFunction function, long logitScale, long logitOffset,
        Text.SourceLocation location) =>
        Add(new IrModelScore(0, name, trainer, features, function, logitScale, logitOffset, location));

    public IrValue Operation(ScalpType type, IrOp op, params IrValue[] args)
    {
        if (args.All(a => _nodes[a.Id] is IrConst) && Fold(op, args) is { } raw)
            return Const(type, raw);
        return Add(new IrOperation(0, type, op, [.. args]));
    }

    public IrValue Select(ScalpType type, IrValue condition, IrValue then, IrValue otherwise)
    {
        if (_nodes[condition.Id] is IrConst c)
            return c.Raw != 0 ? then : otherwise;
        return then == otherwise ? then : Operation(type, IrOp.Select, condition, then, otherwise);
    }

    private long? Fold(IrOp op, IrValue[] args)
    {
        long Raw(int i) => ((IrConst)_nodes[args[i].Id]).Raw;
        return op switch
        {
            IrOp.Negate => ConstantFolder.Unary(UnaryOperator.Negate, Raw(0)),
            IrOp.Not => ConstantFolder.Unary(UnaryOperator.Not, Raw(0)),
            IrOp.Select => Raw(0) != 0 ? Raw(1) : Raw(2),
            _ => ConstantFolder.Binary(ToBinary(op), Raw(0), Raw(1)),
        };
    }

    public static BinaryOperator ToBinary(IrOp op) => op switch
    {
        IrOp.Add => BinaryOperator.Add,
        IrOp.Subtract => BinaryOperator.Subtract,
        IrOp.Multiply => BinaryOperator.Multiply,
        IrOp.Divide => BinaryOperator.Divide,
        IrOp.Less => BinaryOperator.Less,
        IrOp.LessOrEqual => BinaryOperator.LessOrEqual,
        IrOp.Greater => BinaryOperator.Greater,
        IrOp.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        IrOp.Equal => BinaryOperator.Equal,
        IrOp.NotEqual => BinaryOperator.NotEqual,
        IrOp.And => BinaryOperator.And,
        IrOp.Or => BinaryOperator.Or,
        _ => throw new System.Diagnostics.UnreachableException($"{op} is not binary"),
    };

    private IrValue Add(IrNode node)
    {
        if (_existing.TryGetValue(node, out var existing))
            return existing;
        var value = new IrValue(_nodes.Count);
        var placed = node with { Id = value.Id };
        _nodes.Add(placed);
        _existing[node] = value;
        return value;
    }

    /// <summary>Node equality ignoring the id, with operand lists compared element by element.</summary>
    private sealed class StructuralNodeComparer : IEqualityComparer<IrNode>
    {
        public static readonly StructuralNodeComparer Instance = new();

        public bool Equals(IrNode? x, IrNode? y) => (x, y) switch
        {
            (IrOperation a, IrOperation b) => a.Op == b.Op && a.Type == b.Type && a.Args.SequenceEqual(b.Args),
            (IrModel a, IrModel b) => a.Name == b.Name && a.Path == b.Path && a.Features.SequenceEqual(b.Features),
            (IrNeuralModel a, IrNeuralModel b) => a.Name == b.Name && a.Path == b.Path && a.History == b.History && a.Features.SequenceEqual(b.Features),
            (IrScriptCall a, IrScriptCall b) => a.SameCall(b),
            (IrModelScore a, IrModelScore b) => a.SameAs(b),
            (null, null) => true,
            (null, _) or (_, null) => false,
            _ => x == y,
        };

        public int GetHashCode(IrNode node)
        {
            var hash = new HashCode();
            hash.Add(node.GetType());
            hash.Add(node.Type);
            switch (node)
            {
                case IrOperation o:
                    hash.Add(o.Op);
                    foreach (var a in o.Args)
                        hash.Add(a);
                    break;
                case IrModel m:
                    hash.Add(m.Name);
                    break;
                case IrNeuralModel n:
                    hash.Add(n.Name);
                    break;
                case IrScriptCall s:
                    hash.Add(s.Function.Name);
                    break;
                case IrModelScore m:
                    hash.Add(m.Name);
                    break;
                default:
                    hash.Add(node);
                    break;
            }
            return hash.ToHashCode();
        }
    }
}
