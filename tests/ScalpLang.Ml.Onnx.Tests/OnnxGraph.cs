using System.Runtime.InteropServices;

namespace ScalpLang.Ml.Onnx.Tests;

/// <summary>
/// Builds an ONNX ModelProto (onnx.proto field numbers: ModelProto ir_version 1, graph 7,
/// opset_import 8; GraphProto node 1, initializer 5, input 11, output 12; NodeProto input 1,
/// output 2, op_type 4, attribute 5; TensorProto dims 1, data_type 2, name 8, raw_data 9).
/// </summary>
internal sealed class OnnxGraph
{
    private const int FloatType = 1;
    public const int Int64Type = 7;
    private readonly ProtoWriter _graph = new ProtoWriter().String(2, "scalp_test");

    /// <summary>A graph input or output: a float tensor; a dimension of -1 is symbolic ("batch").</summary>
    public OnnxGraph Input(string name, params long[] dims) => Value(11, name, FloatType, dims);

    public OnnxGraph Output(string name, params long[] dims) => Value(12, name, FloatType, dims);

    public OnnxGraph Value(int field, string name, int elementType, long[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var d in dims)
            shape.Message(1, d < 0 ? new ProtoWriter().String(2, "batch") : new ProtoWriter().Varint(1, d));
        var tensor = new ProtoWriter().Varint(1, elementType).Message(2, shape);
        _graph.Message(field, new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensor)));
        return this;
    }

    public OnnxGraph Int64Initializer(string name, long[] values, params long[] dims)
    {
        var tensor = new ProtoWriter();
        foreach (var d in dims)
            tensor.Varint(1, d);
        tensor.Varint(2, Int64Type).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));
        _graph.Message(5, tensor);
        return this;
    }

    public OnnxGraph Initializer(string name, float[] values, params long[] dims)
    {
        var tensor = new ProtoWriter();
        foreach (var d in dims)
            tensor.Varint(1, d);
        tensor.Varint(2, FloatType).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));
        _graph.Message(5, tensor);
        return this;
    }

    public OnnxGraph Node(string op, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var i in inputs)
            node.String(1, i);
        foreach (var o in outputs)
            node.String(2, o);
        node.String(4, op);
        foreach (var (name, value) in attributes)
        {
            var a = new ProtoWriter().String(1, name);
            switch (value)
            {
                case int i:
                    a.Varint(3, i).Varint(20, 2);
                    break;
                case float f:
                    a.Fixed32(2, f).Varint(20, 1);
                    break;
                case long[] ints:
                    foreach (var i in ints)
                        a.Varint(8, i);
                    a.Varint(20, 7);
                    break;
                default:
                    throw new ArgumentException($"attribute {name}: {value.GetType().Name}");
            }
            node.Message(5, a);
        }
        _graph.Message(1, node);
        return this;
    }

    public byte[] ToModel(int opset = 17) =>
        new ProtoWriter().Varint(1, 8).String(2, "scalp-tests").Message(7, _graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, opset)).ToArray();
}
