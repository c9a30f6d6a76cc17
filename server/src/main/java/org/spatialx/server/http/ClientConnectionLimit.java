package org.spatialx.server.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a new connection at once when its client (remote address) already has {@code limit} open, so
 * one client cannot take every connection the process can hold. Jetty tells it of every connection the
 * server's connector opens and closes.
 */
final class ClientConnectionLimit implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionLimit.class);

    private final int limit;
    private final Map<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    /** The counted connections and their client (the endpoint forgets its address once closed). */
    private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    ClientConnectionLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = clientOf(connection);
        if (client == null) {
            return;
        }
        AtomicInteger count = open.computeIfAbsent(client, c -> new AtomicInteger());
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            LOG.warn("closing a connection from {}: it already has {} open (the limit per client)",
                    client.getHostAddress(), limit);
            connection.getEndPoint().close();
            return;
        }
        counted.put(connection, client);
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = counted.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (c, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }

    private static InetAddress clientOf(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
