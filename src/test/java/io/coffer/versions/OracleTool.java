package io.coffer.versions;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real packaging tool that a test uses as its oracle. A missing tool fails the test with
 * a message saying how to install it, rather than skipping it: a skipped oracle test proves
 * nothing and is easy to miss.
 */
final class OracleTool {

    /** What a tool printed, and how it exited. */
    record Result(int exitCode, String out, String err) {
    }

    private OracleTool() {
    }

    /** Fails the test unless {@code command} is on the PATH; {@code debianPackage} provides it. */
    static void require(String command, String debianPackage) {
        Result which = run(List.of("sh", "-c", "command -v " + command), "");
        if (which.exitCode() != 0) {
            fail(command + " is not installed, and this test compares Coffer's ordering with it. Install it with "
                    + "'apt-get install " + debianPackage + "' (./run-tests does so), then run the test again.");
        }
    }

    /** Runs the command to completion with {@code input} on its standard input, all as UTF-8. */
    static Result run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).start();
            // Read both streams while writing, so that neither side blocks on a full pipe.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 2 minutes");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("Could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
