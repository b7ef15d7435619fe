package io.coffer.release.export;

import io.coffer.Json;
import io.coffer.release.ReleaseItem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.OrganizationalEntity;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * A CycloneDX software bill of materials of a release's content, as JSON: the release is the BOM's
 * subject ({@code metadata.component}); each media item is one component with its SHA-256, licence,
 * supplier and, where the file shows its package world, a package URL. The release depends on
 * every component. Written with the CycloneDX library, which also validates it in the tests.
 */
public final class Sbom {

    /** The CycloneDX specification version written. */
    public static final Version SPEC = Version.VERSION_16;

    /** The media type of the document, as the CycloneDX specification registers it. */
    public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json; version=1.6";

    private static final Comparator<ReleaseItem> ORDER = Comparator.comparing(ReleaseItem::product)
            .thenComparing(ReleaseItem::version).thenComparing(ReleaseItem::fileName);

    private Sbom() {}

    /**
     * The SBOM of the release's content.
     *
     * @param now the time of writing, the BOM's timestamp; with the content it also fixes the serial
     *     number, so the same release at the same instant gives the same document
     * @return the BOM as pretty-printed JSON
     */
    public static String cyclonedx(ReleaseSnapshot release, Instant now) {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(now, "now");
        List<ReleaseItem> items = release.items().stream().sorted(ORDER).toList();

        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + serial(release, items, now));
        bom.setVersion(1);
        bom.setMetadata(metadata(release, now));
        List<Component> components = new ArrayList<>();
        Dependency root = new Dependency(releaseRef(release));
        for (ReleaseItem item : items) {
            Component c = component(item);
            components.add(c);
            root.addDependency(new Dependency(c.getBomRef()));
        }
        bom.setComponents(components);
        List<Dependency> dependencies = new ArrayList<>();
        dependencies.add(root);
        // Every component appears in the graph, as a leaf, so a reader sees it has no dependencies of its own.
        components.forEach(c -> dependencies.add(new Dependency(c.getBomRef())));
        bom.setDependencies(dependencies);
        try {
            return BomGeneratorFactory.createJson(SPEC, bom).toJsonString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("cannot write the CycloneDX BOM of release " + release.id(), e);
        }
    }

    private static Metadata metadata(ReleaseSnapshot release, Instant now) {
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(now));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setGroup("io.coffer");
        tool.setName("coffer");
        tool.setVersion(Sbom.class.getPackage().getImplementationVersion());
        tool.setDescription("Coffer, a Definitive Software Library");
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);

        Component subject = new Component();
        subject.setType(Component.Type.APPLICATION);
        subject.setBomRef(releaseRef(release));
        subject.setName(release.id());
        if (release.title() != null && !release.title().isBlank()) {
            subject.setDescription(release.title());
        }
        List<Property> properties = new ArrayList<>();
        properties.add(new Property("coffer:release:type", release.type().id()));
        properties.add(new Property("coffer:release:status", release.status().id()));
        add(properties, "coffer:release:owner", release.owner());
        add(properties, "coffer:release:author", release.author());
        if (release.scheduled()) {
            properties.add(new Property("coffer:release:windowStart", release.windowStart().toString()));
            properties.add(new Property("coffer:release:windowEnd", release.windowEnd().toString()));
            properties.add(new Property("coffer:release:windowZone", release.zone().getId()));
        }
        properties.add(new Property("coffer:release:reviewRequired", Boolean.toString(release.reviewRequired())));
        subject.setProperties(properties);
        metadata.setComponent(subject);
        return metadata;
    }

    private static Component component(ReleaseItem item) {
        Component c = new Component();
        PackageUrls.Kind kind = PackageUrls.kind(item.fileName());
        c.setType(library(kind, item) ? Component.Type.LIBRARY : Component.Type.APPLICATION);
        c.setBomRef("coffer:" + encode(item.product()) + "@" + encode(item.version()) + "/" + encode(item.fileName()));
        if (kind == PackageUrls.Kind.MAVEN && item.product().matches("[^:/\\s]+:[^:/\\s]+")) {
            c.setGroup(item.product().substring(0, item.product().indexOf(':')));
            c.setName(item.product().substring(item.product().indexOf(':') + 1));
        } else {
            c.setName(item.product());
        }
        c.setVersion(item.version());
        if (item.supplier() != null && !item.supplier().isBlank()) {
            OrganizationalEntity supplier = new OrganizationalEntity();
            supplier.setName(item.supplier());
            c.setSupplier(supplier);
        }
        c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, item.sha256())));
        c.setLicenses(SpdxLicenses.choice(item.license()));
        PackageUrls.of(item).ifPresent(c::setPurl);
        c.setProperties(List.of(new Property("coffer:fileName", item.fileName()),
                new Property("coffer:size", Long.toString(item.size()))));
        return c;
    }

    /**
     * Java archives and POMs are libraries, web and enterprise archives applications; Debian and
     * RPM packages are libraries when named lib*, as both distributions name them; the rest are
     * applications.
     */
    private static boolean library(PackageUrls.Kind kind, ReleaseItem item) {
        String file = item.fileName().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case MAVEN -> !file.endsWith(".war") && !file.endsWith(".ear");
            case DEB, RPM -> item.product().startsWith("lib");
            case OTHER -> false;
        };
    }

    private static String releaseRef(ReleaseSnapshot release) {
        return "coffer:release:" + encode(release.id());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void add(List<Property> properties, String name, String value) {
        if (value != null && !value.isBlank()) {
            properties.add(new Property(name, value));
        }
    }

    private static UUID serial(ReleaseSnapshot release, List<ReleaseItem> items, Instant now) {
        String basis = release.id() + "\n" + now + "\n" + Json.canonical(items);
        return UUID.nameUUIDFromBytes(basis.getBytes(StandardCharsets.UTF_8));
    }
}
