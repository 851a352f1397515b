using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Tests.Infrastructure;

/// <summary>Writes a parsed message back out with <see cref="FixMessageWriter"/>: header fields by section, body in wire order.</summary>
public static class Reencoder
{
    public static byte[] Reencode(FixMessage message, FixMessageWriter? writer = null)
    {
        writer ??= new FixMessageWriter();
        writer.Begin(message.BeginString, message.MsgType);
        foreach (var field in message.AllFields)
        {
            var value = message.GetValue(field);
            switch (field.Tag)
            {
                case 8 or 9 or 35 or 10 when !field.IsInGroup:
                    break;
                case 93 when field.Section == FixSection.Trailer:
                    break;
                case 89 when field.Section == FixSection.Trailer:
                    writer.Signature(value);
                    break;
                default:
                    if (field.Section == FixSection.Header && !field.IsInGroup)
                        writer.Header(field.Tag, value);
                    else
                        writer.Field(field.Tag, value);
                    break;
            }
        }
        return writer.ToArray();
    }
}
