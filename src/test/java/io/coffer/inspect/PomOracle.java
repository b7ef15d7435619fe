package io.coffer.inspect;

import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/**
 * Reads a POM with a plain XML parser and XPath, independently of the inspector's own DOM walk,
 * to give the tests the values a POM states. Namespaces are ignored so that the XPaths stay short.
 */
final class PomOracle {

    private final Document document;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    PomOracle(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException("the fixture POM does not parse", e);
        }
    }

    /** The trimmed text at {@code path}, or null when there is no such node or it is empty. */
    String value(String path) {
        try {
            String text = xpath.evaluate(path, document).strip();
            return text.isEmpty() ? null : text;
        } catch (Exception e) {
            throw new IllegalStateException("bad XPath " + path, e);
        }
    }

    String groupId() {
        String own = value("/project/groupId");
        return own != null ? own : value("/project/parent/groupId");
    }

    String version() {
        String own = value("/project/version");
        return own != null ? own : value("/project/parent/version");
    }

    String artifactId() {
        return value("/project/artifactId");
    }

    String firstLicense() {
        return value("/project/licenses/license[1]/name");
    }

    String description() {
        return value("/project/description");
    }
}
