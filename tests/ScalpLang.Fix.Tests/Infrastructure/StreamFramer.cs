using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Tests.Infrastructure;

/// <summary>A receive loop: bytes arrive in chunks, the framer cuts messages out, garbage is dropped.</summary>
public static class StreamFramer
{
    public sealed record Result(List<byte[]> Messages, List<FixParseError> Errors, int Leftover, int Calls);

    public static Result FrameAll(byte[] stream, int chunk, int maxMessageSize = 64 * 1024)
    {
        var framer = new FixFramer(new FixCodecOptions { MaxMessageSize = maxMessageSize });
        var buffer = new byte[stream.Length];
        int start = 0, end = 0, fed = 0, calls = 0;
        var messages = new List<byte[]>();
        var errors = new List<FixParseError>();
        while (true)
        {
            var n = Math.Min(chunk, stream.Length - fed);
            Array.Copy(stream, fed, buffer, end, n);
            fed += n;
            end += n;
            while (true)
            {
                calls++;
                Assert.True(calls < 10 * (stream.Length + 10), "the framer is not making progress");
                var frame = framer.Find(buffer.AsSpan(start, end - start));
                Assert.InRange(frame.Consumed, 0, end - start);
                if (frame.Status == FixFrameStatus.Message)
                {
                    Assert.True(frame.Length > 0 && frame.End <= end - start && frame.Consumed >= frame.End);
                    messages.Add(buffer.AsSpan(start + frame.Start, frame.Length).ToArray());
                    start += frame.Consumed;
                    continue;
                }
                if (frame.Status == FixFrameStatus.Invalid)
                {
                    Assert.True(frame.Consumed > 0, "an Invalid frame must consume bytes");
                    errors.Add(frame.Error);
                    start += frame.Consumed;
                    continue;
                }
                start += frame.Consumed;
                break;
            }
            if (fed == stream.Length)
                return new Result(messages, errors, end - start, calls);
        }
    }
}
