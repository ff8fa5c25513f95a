package io.supportagent.conversations;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open server-sent event stream with its own small queue, written by its own writer (a virtual thread while there
 * is something to write). Whoever has an event for it only queues it, so a client that stops reading (its socket
 * buffers full, a write blocked) holds up its own writer and nobody else. A client that falls {@link #MAX_PENDING}
 * events behind is let go: its stream ends, and the page (EventSource reconnects by itself) asks for everything again
 * on its next {@code ready}.
 */
final class EventStream {

    /** Events a stream may have waiting: far above a burst a live client reads at once, a few kB of memory. */
    static final int MAX_PENDING = 256;

    private record Pending(String name, String data) {}

    private static final Pending HEARTBEAT = new Pending(null, null);

    private final SseEmitter emitter;
    private final Executor writers;
    private final Consumer<EventStream> onEnd;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>(); // guarded by lock
    private boolean writing; // guarded by lock
    private boolean ended; // guarded by lock

    /**
     * @param onEnd forgets the stream (it is called once, whichever way the stream ends)
     */
    EventStream(SseEmitter emitter, Executor writers, Consumer<EventStream> onEnd) {
        this.emitter = emitter;
        this.writers = writers;
        this.onEnd = onEnd;
    }

    /** Queues an event for this stream; answers at once. False when the stream has ended (or just was, too far behind). */
    boolean offer(String name, String data) {
        return enqueue(new Pending(name, data));
    }

    /**
     * A comment line, so that proxies with a read timeout (nginx: 60 s) keep an idle stream open, and a client that
     * went away is noticed at the next write rather than at the stream's timeout.
     */
    boolean heartbeat() {
        return enqueue(HEARTBEAT);
    }

    private boolean enqueue(Pending event) {
        boolean full;
        boolean startWriter = false;
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            full = pending.size() >= MAX_PENDING;
            if (!full) {
                pending.add(event);
                startWriter = !writing;
                writing = true;
            }
        } finally {
            lock.unlock();
        }
        if (full) {
            end(); // it does not read: let it go rather than hold its events
            return false;
        }
        if (startWriter) {
            writers.execute(this::drain);
        }
        return true;
    }

    /** Writes what waits, in order, until nothing does; one writer at a time per stream. */
    private void drain() {
        while (true) {
            Pending next;
            lock.lock();
            try {
                next = ended ? null : pending.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                emitter.send(
                        next == HEARTBEAT
                                ? SseEmitter.event().comment("")
                                : SseEmitter.event().name(next.name()).data(next.data(), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                // The client went away (or the stream completed meanwhile): the container ends the request itself.
                markEnded();
                return;
            }
        }
    }

    /**
     * Ends the stream from this side (too far behind, the node shutting down). Completing may wait for a write in
     * progress (the emitter holds its lock while writing), so it happens on a writer thread, never on the caller's.
     */
    void end() {
        if (markEnded()) {
            writers.execute(emitter::complete);
        }
    }

    /** Marks the stream ended, once, drops what waits and forgets it. True for the call that ended it. */
    boolean markEnded() {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            ended = true;
            pending.clear();
        } finally {
            lock.unlock();
        }
        onEnd.accept(this);
        return true;
    }
}
