package io.coffer.bench;

import io.coffer.catalog.Database;
import io.coffer.catalog.MediaItem;
import io.coffer.catalog.ProductVersion;
import io.coffer.events.EventLog;
import io.coffer.inspect.Inspector;
import io.coffer.library.Library;
import io.coffer.store.Digest;
import io.coffer.store.LocalBlobStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Catalog latency with a million media items in SQLite: one call of {@link Library#mediaByDigest}
 * and of {@link Library#versions} (an ordinary product of 40 versions and a large one of 1,000),
 * each through the real library, connection pool and SQL. JMH's sample-time mode times single
 * calls and keeps their distribution, from which {@link #main} prints p50, p99 and the maximum and
 * checks p99 against the target. The forked JVM gets the server's heap of 128 MiB.
 *
 * <p>Run by {@code bench/catalog.sh}; arguments: {@code --data DIR} (where the catalog is made when
 * missing, and kept), {@code --threads N} (concurrent callers, default 1), {@code --quick} (shorter
 * iterations, for trying the harness).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx128m", "-Dfile.encoding=UTF-8"})
public class CatalogBench {

    static final double TARGET_P99_MS = 5.0;
    private static final int SAMPLED_DIGESTS = 1 << 16;

    @Param("target/bench-catalog")
    public String dataDir;

    private Database db;
    private Library library;
    private String[] digests;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Path dir = Path.of(dataDir);
        db = MillionItemCatalog.openOrCreate(dir, System.err);
        library = new Library(db, LocalBlobStore.open(dir.resolve("store")), new EventLog(Clock.systemUTC()),
                new Inspector(), Clock.systemUTC());
        SplittableRandom random = new SplittableRandom(7);
        digests = new String[SAMPLED_DIGESTS];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = MillionItemCatalog.digest(random.nextInt(MillionItemCatalog.ITEMS));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    /** Each caller's own random choices, so that callers do not contend on a shared generator. */
    @State(Scope.Thread)
    public static class Picks {
        final SplittableRandom random = new SplittableRandom();
    }

    @Benchmark
    public List<MediaItem> mediaByDigest(Picks picks) {
        List<MediaItem> found = library.mediaByDigest(new Digest(digests[picks.random.nextInt(SAMPLED_DIGESTS)]));
        if (found.isEmpty()) {
            throw new IllegalStateException("a digest of the catalog was not found");
        }
        return found;
    }

    @Benchmark
    public List<ProductVersion> versionsOfProduct(Picks picks) {
        return library.versions(MillionItemCatalog.product(picks.random.nextInt(MillionItemCatalog.PRODUCTS)));
    }

    @Benchmark
    public List<ProductVersion> versionsOfLargeProduct() {
        return library.versions(MillionItemCatalog.LARGE_PRODUCT);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path data = Path.of("target/bench-catalog");
        int threads = 1;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; expected --data DIR, --threads N or --quick");
            }
        }

        // Fill the catalog once here, not in each fork.
        MillionItemCatalog.openOrCreate(data, out).close();

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CatalogBench.class.getName() + "\\.")
                .param("dataDir", data.toAbsolutePath().toString())
                .threads(threads);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        out.println();
        out.printf(Locale.ROOT, "catalog of %,d media items, %d caller thread(s), times of single calls in ms%n",
                MillionItemCatalog.ITEMS, threads);
        out.printf(Locale.ROOT, "%-24s %10s %8s %8s %8s %8s%n", "benchmark", "samples", "p50", "p99", "p99.9",
                "max");
        List<String> verdicts = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
            Statistics s = result.getPrimaryResult().getStatistics();
            double p99 = s.getPercentile(99.0);
            out.printf(Locale.ROOT, "%-24s %10d %8.3f %8.3f %8.3f %8.3f%n", name, s.getN(), s.getPercentile(50.0),
                    p99, s.getPercentile(99.9), s.getMax());
            verdicts.add(String.format(Locale.ROOT, "%s: catalog %s p99 %.3f ms (target < %.0f ms)",
                    p99 < TARGET_P99_MS ? "PASS" : "FAIL", name, p99, TARGET_P99_MS));
        }
        verdicts.forEach(out::println);
    }
}
