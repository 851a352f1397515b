using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace ScalpLang.Backend.Il;

/// <summary>
/// A deterministic disassembly of an emitted strategy (golden tests, reviews): each method of
/// each type with its IL, tokens resolved to names, branch targets as IL offsets. Reads the image
/// back with System.Reflection.Metadata, so it shows exactly what was saved.
/// </summary>
public static class IlListing
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

    public static string Print(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var reader = pe.GetMetadataReader();
        var sb = new StringBuilder();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            var name = reader.GetString(type.Name);
            if (name == "<Module>")
                continue;
            sb.Append(".class ").Append(reader.GetString(type.Namespace)).Append('.').Append(name)
              .Append(" extends ").Append(TypeName(reader, type.BaseType)).Append('\n');
            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                sb.Append("  .field ").Append(reader.GetString(field.Name)).Append('\n');
            }
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                sb.Append("  .method ").Append(reader.GetString(method.Name))
                  .Append(" (maxstack ").Append(body.MaxStack)
                  .Append(", locals ").Append(body.LocalSignature.IsNil ? 0 : LocalCount(reader, body.LocalSignature)).Append(")\n");
                AppendBody(sb, reader, body.GetILBytes()!);
            }
        }
        return sb.ToString();
    }

    private static int LocalCount(MetadataReader reader, StandaloneSignatureHandle handle)
    {
        var blob = reader.GetBlobReader(reader.GetStandaloneSignature(handle).Signature);
        blob.ReadByte(); // LOCAL_SIG
        return blob.ReadCompressedInteger();
    }

    private static void AppendBody(StringBuilder sb, MetadataReader reader, byte[] il)
    {
        var offset = 0;
        while (offset < il.Length)
        {
            var start = offset;
            short value = il[offset++];
            if (value == 0xFE)
                value = unchecked((short)(0xFE00 | il[offset++]));
            var op = OpCodesByValue[value];
            sb.Append("    IL_").Append(start.ToString("x4", System.Globalization.CultureInfo.InvariantCulture)).Append(": ").Append(op.Name);
            var operand = Operand(reader, op, il, ref offset);
            if (operand.Length > 0)
                sb.Append(' ').Append(operand);
            sb.Append('\n');
        }
    }

    private static string Operand(MetadataReader reader, OpCode op, byte[] il, ref int offset)
    {
        var span = il.AsSpan(offset);
        string I(long v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (op.OperandType)
        {
            case OperandType.InlineNone:
                return "";
            case OperandType.ShortInlineBrTarget:
                offset += 1;
                return $"IL_{offset + (sbyte)span[0]:x4}";
            case OperandType.InlineBrTarget:
                offset += 4;
                return $"IL_{offset + BinaryPrimitives.ReadInt32LittleEndian(span):x4}";
            case OperandType.ShortInlineI or OperandType.ShortInlineVar:
                offset += 1;
                return I(op.OperandType == OperandType.ShortInlineI ? (sbyte)span[0] : span[0]);
            case OperandType.InlineVar:
                offset += 2;
                return I(BinaryPrimitives.ReadUInt16LittleEndian(span));
            case OperandType.InlineI:
                offset += 4;
                return I(BinaryPrimitives.ReadInt32LittleEndian(span));
            case OperandType.InlineI8:
                offset += 8;
                return I(BinaryPrimitives.ReadInt64LittleEndian(span));
            case OperandType.ShortInlineR:
                offset += 4;
                return BinaryPrimitives.ReadSingleLittleEndian(span).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case OperandType.InlineR:
                offset += 8;
                return BinaryPrimitives.ReadDoubleLittleEndian(span).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case OperandType.InlineSwitch:
                var count = BinaryPrimitives.ReadInt32LittleEndian(span);
                offset += 4 + 4 * count;
                return $"({count} targets)";
            default:
                offset += 4;
                return Token(reader, BinaryPrimitives.ReadInt32LittleEndian(span));
        }
    }

    private static string Token(MetadataReader reader, int token)
    {
        if ((token >> 24) == 0x70)
        {
            var text = reader.GetUserString(MetadataTokens.UserStringHandle(token & 0xFFFFFF));
            return text.Length > 48 ? $"\"{text[..48]}...\" ({text.Length} chars)" : $"\"{text}\"";
        }
        var handle = MetadataTokens.EntityHandle(token);
        return handle.Kind switch
        {
            HandleKind.MemberReference => Member(reader, (MemberReferenceHandle)handle),
            HandleKind.MethodDefinition => reader.GetString(reader.GetMethodDefinition((MethodDefinitionHandle)handle).Name),
            HandleKind.FieldDefinition => reader.GetString(reader.GetFieldDefinition((FieldDefinitionHandle)handle).Name),
            HandleKind.TypeReference or HandleKind.TypeDefinition => TypeName(reader, handle),
            _ => $"token 0x{token:x8}",
        };
    }

    private static string Member(MetadataReader reader, MemberReferenceHandle handle)
    {
        var member = reader.GetMemberReference(handle);
        return $"{TypeName(reader, member.Parent)}::{reader.GetString(member.Name)}";
    }

    private static string TypeName(MetadataReader reader, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeReference => reader.GetString(reader.GetTypeReference((TypeReferenceHandle)handle).Name),
        HandleKind.TypeDefinition => reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)handle).Name),
        _ => "?",
    };
}
