package io.coffer.release.export;

import static io.coffer.release.export.Fixtures.NOW;
import static io.coffer.release.export.Fixtures.release;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import io.coffer.release.ReleaseItem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class SbomTest {

    private static ReleaseItem item(String product, String version, String file, String licence, String supplier) {
        return new ReleaseItem(product, version, file, 1234, Fixtures.sha256(file), licence, supplier);
    }

    private static final List<ReleaseItem> ITEMS = List.of(
            item("hostname", "3.23+nmu1", "hostname_3.23+nmu1_amd64.deb", "GPL-2.0-or-later", "Debian"),
            item("libssl3", "3.0.13-1~deb12u1", "libssl3_3.0.13-1~deb12u1_arm64.deb", "Apache License 2.0", null),
            item("bash", "1:5.2.15-1.el9", "bash-5.2.15-1.el9.x86_64.rpm", "GPL-3.0-or-later OR MIT", "Rocky"),
            item("org.slf4j:slf4j-api", "2.0.20", "slf4j-api-2.0.20.jar", "MIT", "QOS.ch"),
            item("org.slf4j:slf4j-api", "2.0.20", "slf4j-api-2.0.20-sources.jar", "mit", "QOS.ch"),
            item("com.acme:portal", "4.1", "portal-4.1.war", null, null),
            item("Acme Designer", "2024.3", "Setup.exe", "LicenseRef-Acme-EULA", "Acme Corp"),
            item("fonts", "1.0", "fonts.tar.gz", "Acme Font Licence, see <b>terms</b>", null));

    private static String sbom() {
        return Sbom.cyclonedx(release("REL-2027-0003", "Quarterly <patches> | \"all\"", ITEMS), NOW);
    }

    private static Map<String, Component> byFile(Bom bom) {
        return bom.getComponents().stream().collect(Collectors.toMap(
                c -> c.getProperties().stream().filter(p -> p.getName().equals("coffer:fileName")).findFirst()
                        .orElseThrow().getValue(), Function.identity()));
    }

    @Test
    void theBomIsValidCycloneDx16ByTheLibrarysOwnSchemaCheck() throws Exception {
        byte[] json = sbom().getBytes(StandardCharsets.UTF_8);

        assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
        assertThat(Json.MAPPER.readTree(json).path("specVersion").asText()).isEqualTo("1.6");
    }

    @Test
    void theSchemaCheckFindsABrokenBom() throws Exception {
        // The oracle itself must be able to fail: an SPDX id that is not on the list is refused.
        JsonNode tree = Json.MAPPER.readTree(sbom());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("components").get(0).path("licenses").get(0)
                .path("license")).put("id", "Not-An-SPDX-Id");

        assertThat(new JsonParser().validate(Json.MAPPER.writeValueAsBytes(tree), Version.VERSION_16)).isNotEmpty();
    }

    @Test
    void everyItemIsAComponentWithItsSha256SupplierAndVersion() throws Exception {
        Bom bom = new JsonParser().parse(sbom().getBytes(StandardCharsets.UTF_8));

        assertThat(bom.getComponents()).hasSize(ITEMS.size());
        Map<String, Component> components = byFile(bom);
        for (ReleaseItem item : ITEMS) {
            Component c = components.get(item.fileName());
            assertThat(c.getHashes()).extracting(Hash::getAlgorithm, Hash::getValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SHA-256", item.sha256()));
            assertThat(c.getVersion()).isEqualTo(item.version());
            assertThat(c.getSupplier() == null ? null : c.getSupplier().getName()).isEqualTo(item.supplier());
        }
    }

    @Test
    void licencesAreSpdxIdsWhereTheyAreOneExpressionsWhereTheyAreOneAndNamesOtherwise() throws Exception {
        Map<String, Component> c = byFile(new JsonParser().parse(sbom().getBytes(StandardCharsets.UTF_8)));

        assertThat(c.get("hostname_3.23+nmu1_amd64.deb").getLicenses().getLicenses().getFirst().getId())
                .isEqualTo("GPL-2.0-or-later");
        assertThat(c.get("libssl3_3.0.13-1~deb12u1_arm64.deb").getLicenses().getLicenses().getFirst().getId())
                .isEqualTo("Apache-2.0");
        assertThat(c.get("slf4j-api-2.0.20-sources.jar").getLicenses().getLicenses().getFirst().getId())
                .isEqualTo("MIT");
        assertThat(c.get("bash-5.2.15-1.el9.x86_64.rpm").getLicenses().getExpression().getValue())
                .isEqualTo("GPL-3.0-or-later OR MIT");
        assertThat(c.get("Setup.exe").getLicenses().getLicenses().getFirst().getName())
                .isEqualTo("LicenseRef-Acme-EULA");
        assertThat(c.get("fonts.tar.gz").getLicenses().getLicenses().getFirst().getName())
                .isEqualTo("Acme Font Licence, see <b>terms</b>");
        assertThat(c.get("portal-4.1.war").getLicenses()).isNull();
    }

    @Test
    void packageUrlsNameDebianRpmAndMavenPackagesAndNothingElse() throws Exception {
        Map<String, Component> c = byFile(new JsonParser().parse(sbom().getBytes(StandardCharsets.UTF_8)));

        assertThat(c.get("hostname_3.23+nmu1_amd64.deb").getPurl())
                .isEqualTo("pkg:deb/debian/hostname@3.23%2Bnmu1?arch=amd64");
        assertThat(c.get("libssl3_3.0.13-1~deb12u1_arm64.deb").getPurl())
                .isEqualTo("pkg:deb/debian/libssl3@3.0.13-1~deb12u1?arch=arm64");
        assertThat(c.get("bash-5.2.15-1.el9.x86_64.rpm").getPurl())
                .isEqualTo("pkg:rpm/bash@5.2.15-1.el9?arch=x86_64&epoch=1");
        assertThat(c.get("slf4j-api-2.0.20.jar").getPurl()).isEqualTo("pkg:maven/org.slf4j/slf4j-api@2.0.20");
        assertThat(c.get("slf4j-api-2.0.20-sources.jar").getPurl())
                .isEqualTo("pkg:maven/org.slf4j/slf4j-api@2.0.20?classifier=sources");
        assertThat(c.get("portal-4.1.war").getPurl()).isEqualTo("pkg:maven/com.acme/portal@4.1?type=war");
        assertThat(c.get("Setup.exe").getPurl()).isNull();
        assertThat(c.get("fonts.tar.gz").getPurl()).isNull();
    }

    @Test
    void componentTypesFollowTheFormat() throws Exception {
        Map<String, Component> c = byFile(new JsonParser().parse(sbom().getBytes(StandardCharsets.UTF_8)));

        assertThat(c.get("slf4j-api-2.0.20.jar").getType()).isEqualTo(Component.Type.LIBRARY);
        assertThat(c.get("libssl3_3.0.13-1~deb12u1_arm64.deb").getType()).isEqualTo(Component.Type.LIBRARY);
        assertThat(c.get("portal-4.1.war").getType()).isEqualTo(Component.Type.APPLICATION);
        assertThat(c.get("hostname_3.23+nmu1_amd64.deb").getType()).isEqualTo(Component.Type.APPLICATION);
        assertThat(c.get("slf4j-api-2.0.20.jar").getGroup()).isEqualTo("org.slf4j");
        assertThat(c.get("slf4j-api-2.0.20.jar").getName()).isEqualTo("slf4j-api");
    }

    @Test
    void theMetadataNamesTheReleaseTheTimeAndCoffer() throws Exception {
        Bom bom = new JsonParser().parse(sbom().getBytes(StandardCharsets.UTF_8));
        JsonNode tree = Json.MAPPER.readTree(sbom());

        assertThat(bom.getMetadata().getComponent().getName()).isEqualTo("REL-2027-0003");
        assertThat(bom.getMetadata().getComponent().getDescription()).isEqualTo("Quarterly <patches> | \"all\"");
        assertThat(bom.getMetadata().getTimestamp().toInstant()).isEqualTo(NOW);
        assertThat(bom.getMetadata().getToolChoice().getComponents()).extracting(Component::getName)
                .containsExactly("coffer");
        assertThat(tree.path("dependencies").get(0).path("ref").asText()).isEqualTo("coffer:release:REL-2027-0003");
        assertThat(tree.path("dependencies").get(0).path("dependsOn")).hasSize(ITEMS.size());
        assertThat(bom.getSerialNumber()).matches("urn:uuid:[0-9a-f-]{36}");
    }

    @Test
    void theSameReleaseAtTheSameInstantGivesTheSameDocument() {
        assertThat(sbom()).isEqualTo(sbom());
        assertThat(Sbom.cyclonedx(release("REL-2027-0003", "t", ITEMS), NOW.plusSeconds(1)))
                .isNotEqualTo(Sbom.cyclonedx(release("REL-2027-0003", "t", ITEMS), NOW));
    }

    @Test
    void anEmptyReleaseIsAValidBomWithoutComponents() throws Exception {
        String json = Sbom.cyclonedx(release("REL-2027-0010", null, List.of()), NOW);

        assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
    }
}
