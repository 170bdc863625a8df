using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QuizBot.LoadGen;

/// <summary>
/// The generator's HTTP/1.1 client: signed POSTs to loopback endpoints over keep-alive connections, one request at a
/// time per connection, each request written with one send from a buffer the connection keeps. It does the little
/// the load needs (a status, a body by Content-Length or chunked, "Connection: close") and nothing else, because it
/// shares the 2 cores with the server it measures: HttpClient spent more CPU per PING than this does (see
/// bench/STAGES.md, "Load tool (loadgen)"). Every phase and both servers (the bot and the Express peer) get this
/// same client, so comparisons stay fair.
/// <para>
/// <paramref name="blocking"/>: each request is sent and its reply read with blocking socket calls on the calling
/// thread, and every method completes before it returns. A closed loop on threads of its own then costs two system
/// calls per request (send, then a receive that sleeps in the kernel until the reply), with no epoll wake-up, no
/// thread-pool hand-off and no timer; the deadline is the socket's own send and receive timeout. Not for callers on
/// the thread pool: a blocked pool thread is one the pool does not have.
/// </para>
/// </summary>
internal sealed class LoadHttpClient(TimeSpan timeout, bool blocking = false) : IDisposable
{
    // A connection idle this long may have been closed by the server (node closes idle ones after 5 s): looked at first.
    private static readonly TimeSpan CheckIdleAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, ConcurrentStack<Connection>> idle = new(StringComparer.Ordinal);
    private bool disposed;

    /// <summary>Whether requests block the calling thread (see the class summary).</summary>
    public bool Blocking => blocking;

    /// <summary>POSTs a signed JSON body and reads the whole reply; <see cref="HttpRequestException"/> when no reply came.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body)> PostAsync(Uri url, Signed signed)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var pool = idle.GetOrAdd(url.Authority, _ => new ConcurrentStack<Connection>());
        for (var attempt = 0; ; attempt++)
        {
            var reused = TakeOpen(pool, out var connection);
            connection ??= await Connection.OpenAsync(url, blocking ? timeout : null);
            try
            {
                var reply = await connection.ExchangeAsync(url, signed, timeout);
                if (reply.KeepAlive)
                {
                    pool.Push(connection);
                }
                else
                {
                    connection.Dispose();
                }

                return (reply.Status, reply.Body);
            }
            catch (ClosedBeforeReplyException) when (reused && attempt == 0)
            {
                // The server had closed this idle connection before reading the request: nothing was processed, so
                // the request goes again, once, on a new connection (HttpClient does the same).
                connection.Dispose();
            }
            catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException or ClosedBeforeReplyException or InvalidDataException)
            {
                connection.Dispose();
                throw new HttpRequestException($"no reply from {url} ({exception.Message})", exception);
            }
        }
    }

    private static bool TakeOpen(ConcurrentStack<Connection> pool, out Connection? connection)
    {
        while (pool.TryPop(out connection))
        {
            if (connection.LooksOpen(CheckIdleAfter))
            {
                return true;
            }

            connection.Dispose();
        }

        connection = null;
        return false;
    }

    public void Dispose()
    {
        disposed = true;
        foreach (var pool in idle.Values)
        {
            while (pool.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>The server closed the connection before any byte of a reply.</summary>
    private sealed class ClosedBeforeReplyException(Exception? inner = null) : IOException("the connection closed before a reply", inner);

    private readonly record struct Reply(HttpStatusCode Status, byte[] Body, bool KeepAlive);

    /// <summary>One keep-alive connection and its buffers; used by one request at a time.</summary>
    private sealed class Connection : IDisposable
    {
        private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
        private readonly Socket socket;
        private readonly bool blocking;
        private byte[] sendBuffer = new byte[4096];
        private byte[] receiveBuffer = new byte[16384];
        private CancellationTokenSource deadline = new();
        private int start;
        private int end;
        private long idleSince = Environment.TickCount64;

        // The request line's path and the Host header of the URL last sent to: Uri builds each of them anew on every
        // read of PathAndQuery and Authority, and a connection keeps sending to the same one.
        private Uri? url;
        private string path = "";
        private string host = "";

        private Connection(Socket socket, bool blocking)
        {
            this.socket = socket;
            this.blocking = blocking;
        }

        /// <summary>A new connection; with <paramref name="blockingTimeout"/>, one whose calls block for at most that long each.</summary>
        public static async Task<Connection> OpenAsync(Uri url, TimeSpan? blockingTimeout)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (blockingTimeout is { } timeout)
                {
                    socket.SendTimeout = socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
                    socket.Connect(url.Host, url.Port);
                }
                else
                {
                    await socket.ConnectAsync(url.Host, url.Port);
                }

                return new Connection(socket, blockingTimeout is not null);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                throw new HttpRequestException($"could not connect to {url} ({exception.SocketErrorCode})", exception);
            }
        }

        /// <summary>False when a long-idle connection has been closed by the server (readable with nothing to read).</summary>
        public bool LooksOpen(TimeSpan checkAfter)
        {
            if (Environment.TickCount64 - idleSince < checkAfter.TotalMilliseconds)
            {
                return true;
            }

            try
            {
                return !socket.Poll(0, SelectMode.SelectRead) || socket.Available > 0;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        public async Task<Reply> ExchangeAsync(Uri url, Signed signed, TimeSpan timeout)
        {
            if (!blocking)
            {
                // A blocking connection's deadline is its sockets' timeouts instead.
                if (!deadline.TryReset())
                {
                    deadline.Dispose();
                    deadline = new CancellationTokenSource();
                }

                deadline.CancelAfter(timeout);
            }

            var length = WriteRequest(url, signed);
            start = end = 0;
            try
            {
                if (blocking)
                {
                    // A blocking send returns once every byte is in the kernel's buffer.
                    socket.Send(sendBuffer.AsSpan(0, length), SocketFlags.None);
                }
                else
                {
                    await socket.SendAsync(sendBuffer.AsMemory(0, length), SocketFlags.None, deadline.Token);
                }
            }
            catch (SocketException exception) when (exception.SocketErrorCode != SocketError.TimedOut)
            {
                // Refused before a reply: the server had closed the connection, and processed nothing of it.
                throw new ClosedBeforeReplyException(exception);
            }

            var reply = await ReadReplyAsync(deadline.Token);
            idleSince = Environment.TickCount64;
            return reply;
        }

        private int WriteRequest(Uri url, Signed signed)
        {
            if (!ReferenceEquals(url, this.url))
            {
                (this.url, path, host) = (url, url.PathAndQuery, url.Authority);
            }

            var body = signed.Body;
            while (true)
            {
                var buffer = sendBuffer.AsSpan();
                if (System.Text.Unicode.Utf8.TryWrite(buffer, System.Globalization.CultureInfo.InvariantCulture,
                        $"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nX-Signature-Ed25519: {signed.SignatureHex}\r\nX-Signature-Timestamp: {signed.Timestamp}\r\nContent-Length: {body.Length}\r\n\r\n",
                        out var written)
                    && body.AsSpan().TryCopyTo(buffer[written..]))
                {
                    return written + body.Length;
                }

                sendBuffer = new byte[Math.Max(sendBuffer.Length * 2, body.Length + 1024)];
            }
        }

        private async Task<Reply> ReadReplyAsync(CancellationToken cancel)
        {
            int headerEnd;
            while ((headerEnd = receiveBuffer.AsSpan(start, end - start).IndexOf(HeaderEnd)) < 0)
            {
                if (!await FillAsync(cancel))
                {
                    throw end == 0 ? new ClosedBeforeReplyException() : new IOException("the connection closed inside the reply's headers");
                }
            }

            var (status, contentLength, chunked, close) = HttpReplyHead.Parse(receiveBuffer.AsSpan(start, headerEnd));
            start += headerEnd + HeaderEnd.Length;
            byte[] body;
            if (chunked)
            {
                body = await ReadChunkedAsync(cancel);
            }
            else if (contentLength is { } count)
            {
                body = await ReadExactlyAsync(count, cancel);
            }
            else
            {
                // No length and not chunked: the body runs to the end of the connection.
                while (await FillAsync(cancel))
                {
                }

                body = receiveBuffer.AsSpan(start, end - start).ToArray();
                close = true;
            }

            return new Reply(status, body, !close);
        }

        private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancel)
        {
            while (end - start < count)
            {
                if (!await FillAsync(cancel))
                {
                    throw new IOException("the connection closed inside the reply's body");
                }
            }

            var body = receiveBuffer.AsSpan(start, count).ToArray();
            start += count;
            return body;
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken cancel)
        {
            var body = new MemoryStream();
            while (true)
            {
                var line = await ReadLineAsync(cancel);
                var semicolon = line.IndexOf(';');
                var sizeText = (semicolon < 0 ? line : line[..semicolon]).Trim();
                if (!int.TryParse(sizeText, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var size) || size < 0)
                {
                    throw new InvalidDataException($"a chunk size that is not hexadecimal: '{line}'");
                }

                if (size == 0)
                {
                    // Trailers, if any, up to the empty line.
                    while ((await ReadLineAsync(cancel)).Length > 0)
                    {
                    }

                    return body.ToArray();
                }

                body.Write(await ReadExactlyAsync(size, cancel));
                if ((await ReadLineAsync(cancel)).Length != 0)
                {
                    throw new InvalidDataException("a chunk not followed by CRLF");
                }
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken cancel)
        {
            int at;
            while ((at = receiveBuffer.AsSpan(start, end - start).IndexOf("\r\n"u8)) < 0)
            {
                if (!await FillAsync(cancel))
                {
                    throw new IOException("the connection closed inside a chunked reply");
                }
            }

            var line = Encoding.ASCII.GetString(receiveBuffer, start, at);
            start += at + 2;
            return line;
        }

        /// <summary>Reads more into the buffer (moving what is unread to its front, growing it when full); false at the end of the connection.</summary>
        private async Task<bool> FillAsync(CancellationToken cancel)
        {
            try
            {
                return await ReceiveAsync(cancel);
            }
            catch (SocketException exception) when (end == 0 && exception.SocketErrorCode != SocketError.TimedOut)
            {
                // (A blocking receive that timed out is no reply, not a closed connection: never sent again.)
                // Reset before any byte of the reply: the server closed the connection without processing the request.
                throw new ClosedBeforeReplyException(exception);
            }
        }

        private async Task<bool> ReceiveAsync(CancellationToken cancel)
        {
            if (start > 0)
            {
                Buffer.BlockCopy(receiveBuffer, start, receiveBuffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == receiveBuffer.Length)
            {
                Array.Resize(ref receiveBuffer, receiveBuffer.Length * 2);
            }

            var read = blocking
                ? socket.Receive(receiveBuffer.AsSpan(end), SocketFlags.None)
                : await socket.ReceiveAsync(receiveBuffer.AsMemory(end), SocketFlags.None, cancel);
            end += read;
            return read > 0;
        }

        public void Dispose()
        {
            socket.Dispose();
            deadline.Dispose();
        }
    }
}

/// <summary>A reply's head: the status line and the three headers the client acts on.</summary>
internal static class HttpReplyHead
{
    /// <summary>The status line and the three headers the client acts on.</summary>
    public static (HttpStatusCode Status, int? ContentLength, bool Chunked, bool Close) Parse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];

        // "HTTP/1.1 200 OK"
        if (!statusLine.StartsWith("HTTP/1."u8) || statusLine.Length < 12 || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out _))
        {
            throw new InvalidDataException($"not an HTTP/1.x status line: '{Encoding.ASCII.GetString(statusLine)}'");
        }

        int? contentLength = null;
        bool chunked = false, close = statusLine[7] == (byte)'0';
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var next = rest.IndexOf("\r\n"u8);
            var line = next < 0 ? rest : rest[..next];
            rest = next < 0 ? [] : rest[(next + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (name.EqualsAsciiIgnoreCase("Content-Length"u8) && Utf8Parser.TryParse(value, out int length, out var used) && used == value.Length)
            {
                contentLength = length;
            }
            else if (name.EqualsAsciiIgnoreCase("Transfer-Encoding"u8))
            {
                chunked = value.EndsWithAsciiIgnoreCase("chunked"u8);
            }
            else if (name.EqualsAsciiIgnoreCase("Connection"u8))
            {
                close = value.EqualsAsciiIgnoreCase("close"u8) || (close && !value.EqualsAsciiIgnoreCase("keep-alive"u8));
            }
        }

        return ((HttpStatusCode)status, contentLength, chunked, close);
    }
}

/// <summary>Case-insensitive ASCII comparisons of header bytes.</summary>
internal static class AsciiBytes
{
    public static bool EqualsAsciiIgnoreCase(this ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> ascii) =>
        System.Text.Ascii.EqualsIgnoreCase(bytes, ascii);

    public static bool EndsWithAsciiIgnoreCase(this ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> ascii) =>
        bytes.Length >= ascii.Length && System.Text.Ascii.EqualsIgnoreCase(bytes[^ascii.Length..], ascii);
}
