using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScalpLang.Fix.Benchmarks.RoundTrip;

/// <summary>
/// The floor: a message of the order's size out, one of the report's size back, over the same
/// loopback, each side a thread blocked in a synchronous receive (no parsing, no session).
/// </summary>
internal static class RawPingPong
{
    public static (double[] Micros, double Seconds) Run(int count, RoundTripWarmUp warmUp, int orderSize, int reportSize)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // Synchronous connect and accept: an async one would leave the descriptors non-blocking
        // and every receive below emulated through .NET's socket event loop, above the real floor.
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        using var server = listener.AcceptSocket();
        server.NoDelay = true;
        var echo = new Thread(() =>
        {
            var request = new byte[orderSize];
            var answer = new byte[reportSize];
            while (ReceiveAll(server, request))
                server.Send(answer);
        }) { IsBackground = true, Name = "raw echo" };
        echo.Start();
        var order = new byte[orderSize];
        var reply = new byte[reportSize];
        var micros = new double[count];
        var warmUpEnd = Stopwatch.GetTimestamp() + (long)(warmUp.Seconds * Stopwatch.Frequency);
        for (var trips = 0; trips < warmUp.Trips || Stopwatch.GetTimestamp() < warmUpEnd; trips++)
        {
            client.Send(order);
            ReceiveAll(client, reply);
        }
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            client.Send(order);
            ReceiveAll(client, reply);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        client.Shutdown(SocketShutdown.Both);
        echo.Join();
        return (micros, seconds);
    }

    private static bool ReceiveAll(Socket socket, byte[] buffer)
    {
        for (var got = 0; got < buffer.Length;)
        {
            var n = socket.Receive(buffer, got, buffer.Length - got, SocketFlags.None);
            if (n == 0)
                return false;
            got += n;
        }
        return true;
    }
}
