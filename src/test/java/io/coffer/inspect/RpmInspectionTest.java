package io.coffer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpmInspectionTest {

    private static final String NAME = Packages.SAMPLE_RPM;

    private final Inspector inspector = new Inspector();

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("io.coffer.inspect.Packages#RPMS")
    void readsTheTagsThatRpmReports(String name) {
        Path rpm = Packages.path(name);
        Map<String, String> tags = Oracle.rpmTags(rpm);
        String epoch = tags.get("EPOCH").equals("(none)") ? "" : tags.get("EPOCHNUM") + ":";
        String supplier = tags.get("VENDOR").equals("(none)") ? tags.get("PACKAGER") : tags.get("VENDOR");

        Inspection inspection = inspector.inspect(rpm, name);

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.format()).isEqualTo(MediaFormat.RPM);
        assertThat(inspection.product()).isEqualTo(tags.get("NAME"));
        assertThat(inspection.version()).isEqualTo(epoch + tags.get("VERSION") + "-" + tags.get("RELEASE"));
        assertThat(inspection.architecture()).isEqualTo(tags.get("ARCH"));
        assertThat(inspection.license()).isEqualTo(tags.get("LICENSE"));
        assertThat(inspection.supplier()).isEqualTo(supplier);
        assertThat(inspection.description()).isEqualTo(tags.get("SUMMARY"));
        assertThat(inspection.attributes()).doesNotContainKey("guessedFromFileName");
    }

    @Test
    void putsTheEpochBeforeTheVersionWhenThePackageHasOne() {
        Inspection inspection = inspector.inspect(Packages.path(NAME), NAME);

        assertThat(inspection.version()).isEqualTo("3:1.4.2-7");
        assertThat(inspection.format().suggestedScheme()).isEqualTo("rpm");
    }

    @Test
    void omitsTheEpochAndFallsBackToThePackagerWhenThereIsNoEpochOrVendor() {
        Inspection inspection = inspector.inspect(Packages.path(Packages.PLAIN_RPM), Packages.PLAIN_RPM);

        assertThat(inspection.version()).isEqualTo("0.9.1-2");
        assertThat(inspection.supplier()).isEqualTo("Coffer Maintainers <maintainers@coffer.invalid>");
    }

    @Test
    void refusesAnAbsurdIndexCountWithoutAllocatingForIt() {
        byte[] rpm = Packages.bytes(NAME);
        ByteBuffer.wrap(rpm).putInt(mainHeader(rpm) + 8, 0x7fffffff);
        Path file = Packages.write(dir.resolve(NAME), rpm);

        Budget.Measured<Inspection> run = Budget.measure(() -> inspector.inspect(file, NAME));

        assertThat(run.result().problem()).isEqualTo("'" + NAME + "' is not a readable RPM package: the main header "
                + "declares 2147483647 index entries, expected at most 65535");
        assertThat(run.allocatedBytes()).isLessThan(8L * 1024 * 1024);
    }

    @Test
    void readsANegativeIndexCountAsTheHugeUnsignedNumberItIs() {
        byte[] rpm = Packages.bytes(NAME);
        ByteBuffer.wrap(rpm).putInt(96 + 8, -1);
        Path file = Packages.write(dir.resolve(NAME), rpm);

        Inspection inspection = inspector.inspect(file, NAME);

        assertThat(inspection.problem()).isEqualTo("'" + NAME + "' is not a readable RPM package: the signature "
                + "header declares 4294967295 index entries, expected at most 65535");
    }

    @Test
    void refusesAnAbsurdStoreSize() {
        byte[] rpm = Packages.bytes(NAME);
        ByteBuffer.wrap(rpm).putInt(mainHeader(rpm) + 12, 0x7ffffff0);
        Path file = Packages.write(dir.resolve(NAME), rpm);

        Budget.Measured<Inspection> run = Budget.measure(() -> inspector.inspect(file, NAME));

        assertThat(run.result().problem()).isEqualTo("'" + NAME + "' is not a readable RPM package: the main header "
                + "declares a store of 2147483632 bytes, expected at most 268435455");
        assertThat(run.allocatedBytes()).isLessThan(8L * 1024 * 1024);
    }

    @Test
    void reportsAnIndexCountWithinTheLimitThatRunsPastTheFile() {
        byte[] rpm = Packages.bytes(NAME);
        int main = mainHeader(rpm);
        ByteBuffer.wrap(rpm).putInt(main + 8, 60_000);
        Path file = Packages.write(dir.resolve(NAME), rpm);

        Inspection inspection = inspector.inspect(file, NAME);

        assertThat(inspection.problem()).startsWith("'" + NAME + "' is not a readable RPM package: the main header "
                + "is truncated: it needs ");
    }

    @Test
    void refusesANegativeOffsetIntoTheStore() {
        byte[] rpm = Packages.bytes(NAME);
        int main = mainHeader(rpm);
        ByteBuffer.wrap(rpm).putInt(indexEntry(rpm, main, 1000) + 8, -5);
        Path file = Packages.write(dir.resolve(NAME), rpm);

        Inspection inspection = inspector.inspect(file, NAME);

        assertThat(inspection.problem()).isEqualTo("'" + NAME + "' is not a readable RPM package: the main header "
                + "places NAME (1000) at offset -5, outside its store of " + storeSize(rpm, main) + " bytes");
    }

    @Test
    void refusesAnOffsetPastTheEndOfTheStore() {
        byte[] rpm = Packages.bytes(NAME);
        int main = mainHeader(rpm);
        ByteBuffer.wrap(rpm).putInt(indexEntry(rpm, main, 1022) + 8, storeSize(rpm, main) + 1000);
        Path file = Packages.write(dir.resolve(NAME), rpm);

        Inspection inspection = inspector.inspect(file, NAME);

        assertThat(inspection.problem()).contains("places ARCH (1022) at offset");
        assertThat(inspection.product()).isEqualTo("coffer-sample");
    }

    @Test
    void refusesAnEpochStoredAsAString() {
        byte[] rpm = Packages.bytes(NAME);
        int main = mainHeader(rpm);
        ByteBuffer.wrap(rpm).putInt(indexEntry(rpm, main, 1003) + 4, 6);
        Path file = Packages.write(dir.resolve(NAME), rpm);

        Inspection inspection = inspector.inspect(file, NAME);

        assertThat(inspection.problem()).isEqualTo("'" + NAME + "' is not a readable RPM package: the main header "
                + "gives EPOCH (1003) type 6, expected an integer type (4 or 5)");
    }

    @Test
    void refusesAStringLongerThanTheStringLimit() {
        Limits d = Limits.DEFAULT;
        Inspector tight = new Inspector(new Limits(d.maxMetadataFileBytes(), d.maxControlTarBytes(), d.maxScanBytes(),
                d.maxEntries(), d.maxCentralDirectoryBytes(), d.maxRpmIndexEntries(), d.maxRpmStoreBytes(), 5,
                d.maxXzMemoryKiB(), d.maxFieldChars()));

        Inspection inspection = tight.inspect(Packages.path(NAME), NAME);

        assertThat(inspection.problem()).isEqualTo("'" + NAME + "' is not a readable RPM package within Coffer's "
                + "limits: the main header has a NAME (1000) value longer than 5 bytes");
    }

    @Test
    void reportsAPayloadShorterThanTheSignatureDeclares() throws IOException {
        int size = (int) Files.size(Packages.path(NAME));
        Path file = Packages.truncated(NAME, size - 10, dir);

        Inspection inspection = inspector.inspect(file, NAME);

        assertThat(inspection.problem()).matches("'" + NAME.replace(".", "\\.") + "' is not a readable RPM package: "
                + "it is truncated: its signature declares \\d+ bytes of header and payload but only \\d+ follow");
    }

    @Test
    void reportsAFileNamedRpmWithoutTheLeadMagic() {
        byte[] rpm = Packages.bytes(NAME);
        rpm[0] = 'X';
        Path file = Packages.write(dir.resolve(NAME), rpm);

        Inspection inspection = inspector.inspect(file, NAME);

        assertThat(inspection.problem()).isEqualTo("'" + NAME + "' is not a readable RPM package: "
                + "it does not start with the RPM lead magic ed ab ee db");
    }

    @ParameterizedTest
    @FieldSource("io.coffer.inspect.Packages#RPMS")
    void reportsEveryTruncatedCopyAsAProblemNamingTheFile(String name) throws IOException {
        int size = (int) Files.size(Packages.path(name));
        for (int length : new int[] {0, 4, 95, 96, 112, 500, size / 2, size * 9 / 10, size - 1}) {
            Path rpm = Packages.truncated(name, length, dir);

            Inspection inspection = inspector.inspect(rpm, name);

            assertThat(inspection.problem()).as("cut at %d of %d bytes", length, size)
                    .startsWith("'" + name + "' is not a readable RPM package: ").doesNotContain("\n");
        }
    }

    /** Where the main header starts: after the lead and the signature header, padded to 8 bytes. */
    private static int mainHeader(byte[] rpm) {
        ByteBuffer b = ByteBuffer.wrap(rpm);
        int end = 96 + 16 + 16 * b.getInt(96 + 8) + b.getInt(96 + 12);
        return (end + 7) & ~7;
    }

    private static int storeSize(byte[] rpm, int header) {
        return ByteBuffer.wrap(rpm).getInt(header + 12);
    }

    /** The position of the index entry for {@code tag} in the header at {@code header}. */
    private static int indexEntry(byte[] rpm, int header, int tag) {
        ByteBuffer b = ByteBuffer.wrap(rpm);
        int count = b.getInt(header + 8);
        for (int i = 0; i < count; i++) {
            int at = header + 16 + 16 * i;
            if (b.getInt(at) == tag) {
                return at;
            }
        }
        throw new IllegalStateException("the fixture has no tag " + tag);
    }
}
