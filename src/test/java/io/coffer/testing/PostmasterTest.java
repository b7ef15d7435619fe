package io.coffer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostmasterTest {

    private ServerSocket taken;

    @BeforeEach
    void takeAPort() throws IOException {
        taken = new ServerSocket(0, 1, InetAddress.getByName(Postmaster.HOST));
    }

    @AfterEach
    void releaseThePort() throws IOException {
        taken.close();
    }

    @Test
    void startsOnAnotherPortWhenTheChosenOneIsTakenMeanwhile() throws IOException {
        int free = freePort();
        AtomicInteger calls = new AtomicInteger();
        IntSupplier ports = () -> calls.incrementAndGet() == 1 ? taken.getLocalPort() : free;

        Postmaster postmaster = Postmaster.start(Map.of(), ports);
        try {
            assertThat(postmaster.port()).isEqualTo(free);
            assertThat(calls).hasValue(2);
        } finally {
            postmaster.stop();
        }
    }

    @Test
    void givesUpAfterFivePortsAreTakenAndSaysWhy() {
        AtomicInteger calls = new AtomicInteger();
        IntSupplier ports = () -> {
            calls.incrementAndGet();
            return taken.getLocalPort();
        };

        assertThatThrownBy(() -> Postmaster.start(Map.of(), ports))
                .isInstanceOf(UnableToStartPostgres.class)
                .hasMessageContaining("on the last of 5 ports tried")
                .hasMessageContaining("-p " + taken.getLocalPort())
                .hasMessageContaining("Address already in use");
        assertThat(calls).hasValue(5);
    }

    @Test
    void stoppingTwiceStopsOnce() {
        Postmaster postmaster = Postmaster.start(Map.of());
        postmaster.stop();

        postmaster.stop();

        assertThat(postmaster.isStopped()).isTrue();
        assertThat(postmaster.home()).doesNotExist();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Postmaster.HOST))) {
            return socket.getLocalPort();
        }
    }
}
