package org.spatialx.server.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 proxy in front of the local server that injects one fault into the chunk
 * request whose {@code sending_index} is {@code k}: a connection reset half-way through its body,
 * an error envelope instead of the server's answer, one flipped bit, or a callback (stop the server, change the
 * file) before it is forwarded. It records the {@code sending_index} of every chunk request it
 * forwarded whole, to prove which chunks a resumed upload re-sent.
 */
final class FaultProxy implements AutoCloseable {

    /** What happens to chunk {@code k}. */
    enum Fault { NONE, RESET, ENVELOPE, CALLBACK, CORRUPT }

    private static final Pattern SENDING_INDEX = Pattern.compile(
            "name=\"sending_index\"\r\n\r\n(\\d+)\r\n");

    private final ServerSocket listener;
    private final List<Integer> forwardedChunks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile int upstreamPort;
    private volatile Fault fault = Fault.NONE;
    private volatile int faultIndex = -1;
    private volatile IntConsumer callback = i -> { };

    FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::acceptLoop);
    }

    /** The domain to give a connector. */
    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    /** Sends later requests to another server port (a restarted server). */
    void upstream(int port) {
        this.upstreamPort = port;
    }

    /** Injects {@code kind} once, into the chunk request with {@code sending_index == index}. */
    void inject(Fault kind, int index, IntConsumer onFault) {
        fired.set(false);
        faultIndex = index;
        callback = onFault == null ? i -> { } : onFault;
        fault = kind;
    }

    /** True once the fault was injected. */
    boolean fired() {
        return fired.get();
    }

    /** The {@code sending_index} of every chunk request forwarded whole, in order of arrival. */
    List<Integer> forwardedChunks() {
        return List.copyOf(forwardedChunks);
    }

    void clearRecord() {
        forwardedChunks.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                long length = contentLength(head);
                byte[] prefix = in.readNBytes((int) Math.min(length, 4096));
                int index = chunkIndex(head, prefix);
                boolean hit = index >= 0 && index == faultIndex && fault != Fault.NONE && fired.compareAndSet(false, true);
                if (hit && fault == Fault.ENVELOPE) {
                    in.skipNBytes(length - prefix.length);
                    byte[] body = ("{\"status\": 1, \"message\": \"injected failure on chunk " + index + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                    continue;
                }
                if (hit && fault == Fault.CALLBACK) {
                    callback.accept(index);
                }
                if (hit && fault == Fault.CORRUPT) {
                    prefix[prefix.length - 1] ^= 1; // one flipped bit in the chunk's content
                }
                if (upstream == null || upstream.isClosed()) {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                }
                OutputStream up = upstream.getOutputStream();
                up.write(head.getBytes(StandardCharsets.ISO_8859_1));
                up.write(prefix);
                long rest = length - prefix.length;
                if (hit && fault == Fault.RESET) {
                    copy(in, up, rest / 2);
                    up.flush();
                    reset(upstream);
                    reset(client);
                    return;
                }
                copy(in, up, rest);
                up.flush();
                InputStream upIn = upstream.getInputStream();
                String responseHead = readHead(upIn);
                if (responseHead == null) {
                    reset(client);
                    return;
                }
                out.write(responseHead.getBytes(StandardCharsets.ISO_8859_1));
                copy(upIn, out, contentLength(responseHead));
                out.flush();
                if (index >= 0) {
                    forwardedChunks.add(index);
                }
            }
        } catch (IOException e) {
            // the client or the server went away: drop the connection like a network would
        } finally {
            if (upstream != null) {
                try {
                    upstream.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0); // close with RST
        socket.close();
    }

    private static int chunkIndex(String head, byte[] prefix) {
        String requestLine = head.substring(0, head.indexOf('\r'));
        if (!requestLine.contains("upload/chunk/process")) {
            return -1;
        }
        Matcher m = SENDING_INDEX.matcher(new String(prefix, StandardCharsets.ISO_8859_1));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("connection closed with " + left + " bytes to go");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
