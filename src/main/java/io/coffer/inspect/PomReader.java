package io.coffer.inspect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the catalogue fields of a Maven POM. The XML parser refuses any DOCTYPE outright, so no
 * external entity, external DTD or entity expansion is ever processed; XInclude is off and the
 * JDK's secure processing limits apply. A POM never needs a DOCTYPE, so refusing one costs nothing
 * and means the parser cannot be made to read a file or URL on the server's behalf.
 *
 * <p>Values inherit the parent's groupId and version when absent, and references of the form
 * {@code ${name}} are replaced once from the POM's own properties and its project coordinates;
 * anything defined only in a parent POM stays as written.
 */
final class PomReader {

    /** Deeper nesting than this is no POM; the bound keeps a crafted document from exhausting the parser. */
    private static final int MAX_ELEMENT_DEPTH = 64;

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]{1,200})}");

    /** The fields of one POM, after inheritance and interpolation; any of them may be null. */
    record Pom(String groupId, String artifactId, String version, String name, String description,
               List<String> licenses, String organization, String developerOrganization, String developerName,
               String packaging, String url) {
    }

    private PomReader() {
    }

    /**
     * Offers what the POM says about the product to {@code found}, all but the developer fallback
     * for the supplier, which a jar's manifest vendor should be able to beat. Values that still hold
     * an unresolved {@code ${...}} reference are left out: they name a property, not a value.
     */
    static void offer(Pom pom, Findings found) {
        String groupId = resolved(pom.groupId());
        String artifactId = resolved(pom.artifactId());
        if (groupId != null && artifactId != null) {
            found.product(groupId + ":" + artifactId);
        }
        found.version(resolved(pom.version()));
        if (!pom.licenses().isEmpty()) {
            found.license(resolved(pom.licenses().get(0)));
        }
        if (pom.licenses().size() > 1) {
            found.attribute("licenses", String.join("; ", pom.licenses()));
        }
        found.supplier(resolved(pom.organization()));
        found.description(resolved(pom.description()));
        found.description(resolved(pom.name()));
        found.attribute("groupId", groupId);
        found.attribute("artifactId", artifactId);
        found.attribute("packaging", resolved(pom.packaging()));
        found.attribute("url", resolved(pom.url()));
    }

    /** Offers the first developer's organisation, then name, as the supplier of last resort. */
    static void offerDevelopers(Pom pom, Findings found) {
        found.supplier(resolved(pom.developerOrganization()));
        found.supplier(resolved(pom.developerName()));
    }

    private static String resolved(String value) {
        return value == null || value.contains("${") ? null : value;
    }

    /**
     * Parses {@code xml}, the whole POM. Throws {@link Unreadable} (MALFORMED) when it is not
     * well-formed XML, declares a DOCTYPE, or its root element is not {@code project}.
     *
     * @param what names the POM in messages, e.g. "META-INF/maven/g/a/pom.xml"
     */
    static Pom parse(byte[] xml, String what) {
        Element project = document(xml, what);
        if (!"project".equals(localName(project))) {
            throw Unreadable.malformed(what + " has root element <" + localName(project) + ">, expected <project>");
        }
        Element parent = child(project, "parent");
        String groupId = firstNonNull(text(project, "groupId"), text(parent, "groupId"));
        String artifactId = text(project, "artifactId");
        String version = firstNonNull(text(project, "version"), text(parent, "version"));

        Map<String, String> properties = new HashMap<>();
        Element declared = child(project, "properties");
        if (declared != null) {
            for (Element property : children(declared)) {
                properties.putIfAbsent(localName(property), property.getTextContent().strip());
            }
        }
        putIfPresent(properties, "project.groupId", groupId);
        putIfPresent(properties, "project.artifactId", artifactId);
        putIfPresent(properties, "project.version", version);
        putIfPresent(properties, "project.parent.groupId", text(parent, "groupId"));
        putIfPresent(properties, "project.parent.version", text(parent, "version"));

        List<String> licenses = new ArrayList<>();
        Element licensesElement = child(project, "licenses");
        if (licensesElement != null) {
            for (Element license : children(licensesElement)) {
                String name = text(license, "name");
                if ("license".equals(localName(license)) && name != null) {
                    licenses.add(interpolate(name, properties));
                }
            }
        }
        Element developer = null;
        Element developers = child(project, "developers");
        if (developers != null) {
            developer = child(developers, "developer");
        }
        return new Pom(interpolate(groupId, properties), interpolate(artifactId, properties),
                interpolate(version, properties), interpolate(text(project, "name"), properties),
                interpolate(text(project, "description"), properties), List.copyOf(licenses),
                interpolate(text(child(project, "organization"), "name"), properties),
                interpolate(text(developer, "organization"), properties),
                interpolate(text(developer, "name"), properties),
                text(project, "packaging"), interpolate(text(project, "url"), properties));
    }

    private static Element document(byte[] xml, String what) {
        DocumentBuilder builder;
        try {
            builder = factory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a feature Coffer relies on", e);
        }
        builder.setErrorHandler(new Silent());
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused");
        });
        try {
            return builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (SAXParseException e) {
            if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
                throw Unreadable.malformed(what + " declares a DOCTYPE, which Coffer refuses so that no "
                        + "external entity or DTD is ever read");
            }
            throw Unreadable.malformed(what + " is not well-formed XML at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException e) {
            throw Unreadable.malformed(what + " is not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            // Parsing an in-memory array cannot fail on I/O; this is the parser giving up on the content.
            throw Unreadable.malformed(what + " could not be parsed: " + e.getMessage());
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        // The JDK's own implementation, whose feature names are known, whatever else is on the class path.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_ELEMENT_DEPTH);
        return factory;
    }

    private static String interpolate(String value, Map<String, String> properties) {
        if (value == null || !value.contains("${")) {
            return value;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Element e : children(parent)) {
            if (name.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            return null;
        }
        String text = e.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** Keeps the parser from printing "[Fatal Error]" lines to standard error; errors end parsing. */
    private static final class Silent implements ErrorHandler {

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not stop a POM from being read.
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    }
}
