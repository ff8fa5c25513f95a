package io.supportagent.support;

import io.supportagent.platform.db.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP forwarder to a real server (PostgreSQL, Redis) that a test puts between the application and the server to
 * make the faults of a bad day: {@link #cut()} (refuses new connections and closes the open ones, as a stopped
 * server does), {@link #blackhole()} (connections stay open but nothing gets through either way, as in a network
 * partition or a frozen server), {@link #delay} (every piece of traffic arrives late: a slow network or server),
 * {@link #holdRepliesAfter} (the server gets a given statement, its answer never comes back) and {@link #restore()}.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Pattern HOST_AND_PORT = Pattern.compile("//[^/:?]+(:\\d+)?/");

    private final int port;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile ServerSocket server;
    private volatile boolean blackholed;
    private volatile long delayMillis;
    private volatile List<byte[]> holdMarkers;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
    }

    /** A started proxy to {@code targetPort} on this machine. */
    public static TcpProxy to(int targetPort) throws IOException {
        TcpProxy proxy = new TcpProxy(targetPort);
        proxy.start();
        return proxy;
    }

    /** A started proxy to the tests' PostgreSQL ({@link TestDatabase}). */
    public static TcpProxy toTestDatabase() {
        try {
            return to(DatabaseUrl.parse(TestDatabase.url()).port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tests' database URL through this proxy, with statement texts on the wire every time (no server-side
     * prepared statements), so that {@link #holdRepliesAfter} can recognise a given statement.
     */
    public String testDatabaseWithStatementTexts() {
        String url = route(TestDatabase.url());
        return url + (url.contains("?") ? "&" : "?") + "prepareThreshold=0";
    }

    public int port() {
        return port;
    }

    /** {@code url} (JDBC or Redis) with its host and port replaced by this proxy's. */
    public String route(String url) {
        Matcher m = HOST_AND_PORT.matcher(url);
        if (!m.find()) {
            throw new IllegalArgumentException("no host in " + url);
        }
        return url.substring(0, m.start()) + "//127.0.0.1:" + port + "/" + url.substring(m.end());
    }

    /** Starts accepting (again); a no-op while it runs. */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> accept(socket));
    }

    /** Refuses new connections and cuts the open ones. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Link link : links) {
            link.close();
        }
        links.clear();
        restoreTraffic();
    }

    /** A stopped server: new connections are refused, open ones are cut. */
    public void cut() throws IOException {
        stop();
    }

    /** Connections (open and new) stay up, but nothing gets through in either direction until {@link #restore()}. */
    public void blackhole() {
        blackholed = true;
    }

    /** Every piece of traffic, either way, is held back this long before it is passed on. */
    public void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /**
     * Once a connection has sent {@code markers} to the server, in this order (say, the statement that stores an
     * answer, then {@code COMMIT}), the server's answers on that connection are held until {@link #restore()}: the
     * server did the work, the client never hears. The markers are looked for in the bytes as sent, so a PostgreSQL
     * client must send statement texts each time ({@code prepareThreshold=0}).
     */
    public void holdRepliesAfter(String... markers) {
        links.forEach(l -> l.progress = 0);
        holdMarkers = java.util.Arrays.stream(markers)
                .map(m -> m.getBytes(StandardCharsets.US_ASCII))
                .toList();
    }

    /** Connections whose answers are held right now. */
    public int held() {
        return (int) links.stream().filter(l -> l.held).count();
    }

    /** Normal service: accepting, nothing held, cut off or late. */
    public void restore() throws IOException {
        restoreTraffic();
        start();
    }

    private void restoreTraffic() {
        lock.lock();
        try {
            blackholed = false;
            delayMillis = 0;
            holdMarkers = null;
            links.forEach(l -> l.held = false);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                Link link = new Link(client, upstream);
                links.add(link);
                Thread.ofVirtual().start(() -> pump(link, client, upstream, true));
                Thread.ofVirtual().start(() -> pump(link, upstream, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Link link, Socket from, Socket to, boolean toServer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                List<byte[]> markers = holdMarkers;
                if (toServer
                        && markers != null
                        && link.progress < markers.size()
                        && contains(buffer, n, markers.get(link.progress))
                        && ++link.progress == markers.size()) {
                    link.held = true; // before the statement goes up, so that no answer can slip through
                }
                awaitPassage(link, toServer);
                long delay = delayMillis;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException ignored) {
            // one side closed, or the proxy stopped
        } finally {
            link.close();
            links.remove(link);
        }
    }

    private void awaitPassage(Link link, boolean toServer) throws InterruptedException {
        lock.lock();
        try {
            while ((blackholed || (!toServer && link.held)) && !link.closed) {
                changed.await(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** One proxied connection: the client's socket and the one to the server. */
    private static final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean held;
        volatile boolean closed;
        volatile int progress;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void close() {
            closed = true;
            try {
                client.close();
            } catch (IOException ignored) {
                // closed already
            }
            try {
                upstream.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }
}
