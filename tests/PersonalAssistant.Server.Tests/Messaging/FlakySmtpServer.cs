using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PersonalAssistant.Server.Tests.Messaging;

/// <summary>
/// A fake SMTP server speaking the protocol on a loopback port, which refuses the first <c>failures</c> messages at
/// MAIL FROM with the given reply (451: try again later; 550: refused for good) and accepts the rest.
/// </summary>
internal sealed class FlakySmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _refusal;
    private readonly Task _accepting;
    private int _failuresLeft;
    private int _mailFromCount;

    public FlakySmtpServer(int failures, string refusal = "451 4.3.0 Try again later")
    {
        _failuresLeft = failures;
        _refusal = refusal;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The messages accepted (their DATA, headers and body).</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>MAIL FROM commands seen: one per attempt.</summary>
    public int Attempts => Volatile.Read(ref _mailFromCount);

    public async Task<bool> ReceivedWithinAsync(int count, TimeSpan deadline)
    {
        var until = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        while (Received.Count < count && Environment.TickCount64 < until)
        {
            await Task.Delay(50);
        }

        return Received.Count >= count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 fake.test ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (command)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-fake.test");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 fake.test");
                        break;
                    case "MAIL":
                        Interlocked.Increment(ref _mailFromCount);
                        await writer.WriteLineAsync(Interlocked.Decrement(ref _failuresLeft) >= 0 ? _refusal : "250 2.1.0 OK");
                        break;
                    case "RCPT":
                        await writer.WriteLineAsync("250 2.1.5 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            data.AppendLine(dataLine);
                        }

                        Received.Enqueue(data.ToString());
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
    }
}
