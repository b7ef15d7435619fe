package io.coffer.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the HTTP layer reports about the server itself: readiness and metrics. */
public final class ServerState {

    private final PrometheusMeterRegistry metrics;
    private final AtomicBoolean ready = new AtomicBoolean();

    public ServerState(PrometheusMeterRegistry metrics) {
        this.metrics = metrics;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public boolean ready() {
        return ready.get();
    }

    public void markReady() {
        ready.set(true);
    }
}
