package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * TCP throughput over 127.0.0.1: a sender thread writes for the budget, then closes; this thread receives
 * until the end of the stream. Each side's rate is its byte count over its own elapsed time.
 */
final class LoopbackMeasurement implements ResourceMeasurement {
    private static final int CHUNK = 64 << 10;
    /** How long either end waits for the other beyond the budget before giving up. */
    private static final int PATIENCE_MILLIS = 2_000;

    @Override
    public String description() {
        return "TCP throughput over 127.0.0.1";
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(Resource.LOOPSEND, Resource.LOOPRECV);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) throws Exception {
        int patience = (int) Math.min(Integer.MAX_VALUE, context.budget().toMillis() + PATIENCE_MILLIS);
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            server.setSoTimeout(patience);
            FutureTask<Double> sender = new FutureTask<>(() -> send(server.getLocalPort(), loopback, patience, context));
            Thread senderThread = new Thread(sender, "seattle-benchmark: loopback sender");
            senderThread.setDaemon(true);
            senderThread.start();
            try {
                double receiveRate;
                try (Socket receiving = server.accept()) {
                    receiving.setSoTimeout(patience);
                    receiveRate = receive(receiving.getInputStream());
                }
                double sendRate = sender.get(patience, TimeUnit.MILLISECONDS);
                return Map.of(Resource.LOOPSEND, sendRate, Resource.LOOPRECV, receiveRate);
            } catch (ExecutionException e) {
                throw asException(e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("the loopback sender did not finish within " + patience + " ms");
            } finally {
                // The receiving socket is closed by now, so a sender still writing fails and ends.
                senderThread.interrupt();
            }
        }
    }

    private static double send(int port, InetAddress loopback, int patience, MeasurementContext context)
            throws IOException {
        try (Socket sending = new Socket()) {
            sending.connect(new InetSocketAddress(loopback, port), patience);
            OutputStream out = sending.getOutputStream();
            byte[] chunk = new byte[CHUNK];
            long start = System.nanoTime();
            long deadline = context.deadlineFromNow();
            long sent = 0;
            do {
                out.write(chunk);
                sent += CHUNK;
            } while (System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted());
            sending.shutdownOutput();
            return Rates.bytesPerSecond(sent, System.nanoTime() - start);
        }
    }

    private static double receive(InputStream in) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long start = System.nanoTime();
        long received = 0;
        int count;
        while ((count = in.read(buffer)) >= 0) {
            received += count;
        }
        if (received == 0) {
            throw new IOException("nothing arrived over 127.0.0.1");
        }
        return Rates.bytesPerSecond(received, System.nanoTime() - start);
    }

    private static Exception asException(Throwable failure) {
        return failure instanceof Exception exception ? exception : new IllegalStateException(failure);
    }
}
