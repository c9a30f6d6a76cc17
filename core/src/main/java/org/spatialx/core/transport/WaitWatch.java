package org.spatialx.core.transport;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells the {@link ServerWaitListener} about every request still unanswered after a second, once a
 * second, from one daemon timer thread per transport (started on first use).
 */
final class WaitWatch implements AutoCloseable {

    private static final long TICK_MILLIS = 1000;

    private final ServerWaitListener listener;
    private ScheduledExecutorService timer;

    WaitWatch(ServerWaitListener listener) {
        this.listener = listener;
    }

    /** Starts watching {@code call}; closing the result stops it (and tells the listener if it was told of the wait). */
    Watched watch(String call) {
        if (listener == ServerWaitListener.NONE) {
            return () -> { };
        }
        long start = System.nanoTime();
        boolean[] told = {false};
        ScheduledFuture<?> ticks = timer().scheduleAtFixedRate(() -> {
            synchronized (told) {
                told[0] = true;
                listener.waiting(call, Duration.ofNanos(System.nanoTime() - start));
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return () -> {
            ticks.cancel(false);
            synchronized (told) { // a tick under way ends before the answer is told
                if (told[0]) {
                    listener.answered(call, Duration.ofNanos(System.nanoTime() - start));
                }
            }
        };
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("spatialx-server-wait").factory());
        }
        return timer;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One watched request. */
    interface Watched extends AutoCloseable {
        @Override
        void close();
    }
}
