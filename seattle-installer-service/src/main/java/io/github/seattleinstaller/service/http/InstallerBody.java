package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.service.build.CurrentBases;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

import java.nio.ByteBuffer;

/**
 * Sends bytes {@code [start, start + length)} of an installer without copying them: slices of the base's
 * memory-mapped prefix, then of the build's suffix, each written when the previous write completed. Nothing is
 * written to disk and no buffer is filled on the heap.
 */
final class InstallerBody extends IteratingCallback {
    /** Told how many bytes were handed to the connection, and whether all were sent. */
    @FunctionalInterface
    interface Finished {
        void accept(long bytes, boolean complete);
    }

    /** Large enough that the per-write overhead does not matter, small enough to share the connection fairly. */
    private static final int CHUNK = 4 * 1024 * 1024;

    private final Response response;
    private final CurrentBases.PrefixMapping prefix;
    private final ByteBuffer suffix;
    private final long end;
    private final Callback done;
    private final Finished finished;
    private long position;
    private long sent;

    /**
     * @param finished told the bytes sent when the body is complete or failed
     */
    InstallerBody(Response response, CurrentBases.PrefixMapping prefix, ByteBuffer suffix, long start, long length,
            Callback done, Finished finished) {
        this.response = response;
        this.prefix = prefix;
        this.suffix = suffix;
        this.position = start;
        this.end = start + length;
        this.done = done;
        this.finished = finished;
    }

    @Override
    protected Action process() {
        if (position >= end) {
            return Action.SUCCEEDED;
        }
        ByteBuffer chunk;
        long prefixLength = prefix.length();
        if (position < prefixLength) {
            chunk = prefix.slice(position, (int) Math.min(CHUNK, Math.min(end, prefixLength) - position));
        } else {
            int from = (int) (position - prefixLength);
            chunk = suffix.slice(from, (int) (end - position));
        }
        position += chunk.remaining();
        sent += chunk.remaining();
        response.write(position >= end, chunk, this);
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
        finished.accept(sent, true);
        done.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        finished.accept(sent, false);
        done.failed(cause);
    }
}
