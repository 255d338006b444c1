using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace OmniWhatsApp.Bench;

/// <summary>
/// Bytes on the app's connections as Kestrel reads and writes them: HTTP headers, bodies as sent (compressed or not),
/// WebSocket frames as on the wire. What a browser really transferred, whatever its Performance API can see.
/// </summary>
public sealed class Traffic
{
    private long sent;
    private long received;

    public long Sent => Interlocked.Read(ref sent);

    public long Received => Interlocked.Read(ref received);

    /// <summary>Counts every connection of <paramref name="listen"/>.</summary>
    public void Count(ListenOptions listen) => listen.Use(next => async connection =>
    {
        var transport = connection.Transport;
        connection.Transport = new CountedPipe(transport, this);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    });

    private sealed class CountedPipe(IDuplexPipe inner, Traffic traffic) : IDuplexPipe
    {
        public PipeReader Input { get; } = new CountedReader(inner.Input, traffic);

        public PipeWriter Output { get; } = new CountedWriter(inner.Output, traffic);
    }

    private sealed class CountedWriter(PipeWriter inner, Traffic traffic) : PipeWriter
    {
        public override void Advance(int bytes)
        {
            Interlocked.Add(ref traffic.sent, bytes);
            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }

    private sealed class CountedReader(PipeReader inner, Traffic traffic) : PipeReader
    {
        private ReadOnlySequence<byte> last;

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            var result = await inner.ReadAsync(cancellationToken);
            last = result.Buffer;
            return result;
        }

        public override bool TryRead(out ReadResult result)
        {
            if (!inner.TryRead(out result)) return false;
            last = result.Buffer;
            return true;
        }

        public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
        {
            Interlocked.Add(ref traffic.received, last.Slice(0, consumed).Length);
            inner.AdvanceTo(consumed, examined);
        }

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
