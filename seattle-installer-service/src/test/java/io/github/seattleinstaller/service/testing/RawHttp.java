package io.github.seattleinstaller.service.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal keep-alive HTTP/1.1 client on one socket, for the benchmark: light enough that the client's cost
 * does not hide the server's (the JDK's HttpClient spends more CPU per request than the service does).
 */
public final class RawHttp implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final byte[] discard = new byte[1 << 20];

    public record Response(int status, byte[] body) {
    }

    public RawHttp(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
        this.host = "127.0.0.1:" + port;
    }

    public Response post(String path, byte[] body) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: text/xml\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        long[] length = new long[1];
        int status = readHead(length);
        byte[] content = in.readNBytes((int) length[0]);
        return new Response(status, content);
    }

    /** GETs the path and reads its body without keeping it; returns the bytes read. */
    public long getDiscarding(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long[] length = new long[1];
        readHead(length);
        long left = length[0];
        while (left > 0) {
            int read = in.read(discard, 0, (int) Math.min(discard.length, left));
            if (read < 0) {
                throw new EOFException("the body ended early");
            }
            left -= read;
        }
        return length[0];
    }

    private int readHead(long[] contentLength) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int status = -1;
        contentLength[0] = 0;
        while (true) {
            line.reset();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new EOFException("the connection closed");
                }
                if (c != '\r') {
                    line.write(c);
                }
            }
            String text = line.toString(StandardCharsets.US_ASCII);
            if (status < 0) {
                status = Integer.parseInt(text.split(" ")[1]);
            } else if (text.isEmpty()) {
                return status;
            } else if (text.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength[0] = Long.parseLong(text.substring("content-length:".length()).strip());
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
