package io.imdsguard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An endpoint on the loopback that accepts every connection and never reads or writes a byte, as a
 * hung proxy does: for tests of what a call does when nothing answers. Close it to drop the connections.
 */
public final class SilentEndpoint implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor = new Thread(this::acceptAll, "silent-endpoint");

    public SilentEndpoint() throws IOException {
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** Connections accepted so far. */
    public int accepted() {
        return held.size();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                held.add(socket.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
        acceptor.join(5_000);
    }
}
