package io.supportagent.support;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * A socket factory for pgjdbc ({@code socketFactory=} in the JDBC URL) that counts round trips to the database: a
 * read that follows one or more writes on the same connection is one round trip. Counts are kept per thread name,
 * so a test can tell a request's round trips from those of the application's background work.
 */
public class RoundTripCountingSocketFactory extends SocketFactory {

    private static final Map<String, AtomicInteger> ROUND_TRIPS = new ConcurrentHashMap<>();

    /** Round trips made so far by threads whose name starts with {@code prefix}. */
    public static int roundTrips(String prefix) {
        return ROUND_TRIPS.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("pgjdbc connects an unconnected socket");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("pgjdbc connects an unconnected socket");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("pgjdbc connects an unconnected socket");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("pgjdbc connects an unconnected socket");
    }

    private static final class CountingSocket extends Socket {

        /** Set by a write, cleared by the read that answers it. */
        private volatile boolean awaitingAnswer;

        private InputStream in;
        private OutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        answered();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        answered();
                        return super.read(b, off, len);
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        awaitingAnswer = true;
                        super.out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        awaitingAnswer = true;
                        super.out.write(b, off, len);
                    }
                };
            }
            return out;
        }

        private void answered() {
            if (awaitingAnswer) {
                awaitingAnswer = false;
                ROUND_TRIPS
                        .computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        }
    }
}
