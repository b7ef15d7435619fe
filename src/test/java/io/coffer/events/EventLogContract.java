package io.coffer.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event log's behaviour, run against each database Coffer supports. */
abstract class EventLogContract {

    Database db;
    EventLog log = new EventLog(Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

    abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void appendFive() {
        for (int i = 1; i <= 5; i++) {
            int n = i;
            db.write(h -> log.append(h, "alice", "media.pushed", "product/p/" + n, Map.of("n", n)));
        }
    }

    @Test
    void aFreshLogIsIntactAndEmpty() {
        assertThat(log.verify(db)).isEqualTo(new ChainCheck.Intact(0, EventLog.GENESIS));
    }

    @Test
    void appendedEventsChainAndVerify() {
        appendFive();

        List<Event> events = log.list(db, 0, 100, Optional.empty());

        assertThat(events).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(0).prevHash()).isEqualTo(EventLog.GENESIS);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).prevHash()).isEqualTo(events.get(i - 1).hash());
        }
        assertThat(log.verify(db)).isEqualTo(new ChainCheck.Intact(5, events.get(4).hash()));
    }

    @Test
    void anEventRolledBackWithItsChangeLeavesNoGap() {
        appendFive();
        try {
            db.write(h -> {
                log.append(h, "alice", "media.pushed", "product/x", Map.of());
                throw new IllegalStateException("the change failed");
            });
        } catch (IllegalStateException expected) {
            // the append must roll back with it
        }
        db.write(h -> log.append(h, "alice", "media.pushed", "product/y", Map.of()));

        assertThat(log.verify(db)).isInstanceOf(ChainCheck.Intact.class);
        assertThat(log.list(db, 0, 100, Optional.empty())).extracting(Event::subject).endsWith("product/y");
    }

    @Test
    void namesTheFirstEditedEvent() {
        appendFive();
        db.write(h -> h.execute("UPDATE event SET actor = 'mallory' WHERE seq = 3"));

        ChainCheck check = log.verify(db);

        assertThat(check).isInstanceOf(ChainCheck.Broken.class);
        assertThat(((ChainCheck.Broken) check).seq()).isEqualTo(3);
        assertThat(((ChainCheck.Broken) check).reason()).contains("edited");
    }

    @Test
    void namesADeletedEvent() {
        appendFive();
        db.write(h -> h.execute("DELETE FROM event WHERE seq = 2"));

        ChainCheck check = log.verify(db);

        assertThat(((ChainCheck.Broken) check).seq()).isEqualTo(2);
        assertThat(((ChainCheck.Broken) check).reason()).contains("missing");
    }

    @Test
    void namesReorderedEvents() {
        appendFive();
        db.write(h -> {
            h.execute("UPDATE event SET seq = -1 WHERE seq = 2");
            h.execute("UPDATE event SET seq = 2 WHERE seq = 3");
            h.execute("UPDATE event SET seq = 3 WHERE seq = -1");
            return null;
        });

        ChainCheck check = log.verify(db);

        assertThat(((ChainCheck.Broken) check).seq()).isEqualTo(2);
    }

    @Test
    void noticesTheNewestEventsWereDeleted() {
        appendFive();
        db.write(h -> h.execute("DELETE FROM event WHERE seq >= 4"));

        ChainCheck check = log.verify(db);

        assertThat(((ChainCheck.Broken) check).seq()).isEqualTo(4);
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                futures.add(pool.submit(() -> db.write(h -> log.append(h, "t" + n, "x.done", "s/" + n, Map.of()))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(log.verify(db)).isInstanceOf(ChainCheck.Intact.class);
        assertThat(((ChainCheck.Intact) log.verify(db)).events()).isEqualTo(80);
    }
}
