package io.coffer.release.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.util.LicenseResolver;

/**
 * A recorded licence as CycloneDX has it: an SPDX licence id when the text is one (or a licence
 * name the SPDX list maps to one, such as "Apache License 2.0"), an SPDX expression when the text
 * is an expression over such ids, and otherwise the text as a licence name. The SPDX list is the
 * one the CycloneDX library ships, so an id written here is one its schema accepts.
 */
final class SpdxLicenses {

    private static final Pattern TOKENS = Pattern.compile("\\s+|(?<=[()])|(?=[()])");
    private static final Pattern LICENSE_REF =
            Pattern.compile("(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+");
    private static final Pattern EXCEPTION = Pattern.compile("[A-Za-z0-9.-]+");
    private static final List<String> OPERATORS = List.of("AND", "OR", "WITH");

    /** Resolving reads the library's licence list; a release names few licences, many times. */
    private static final Map<String, Optional<String>> IDS = new ConcurrentHashMap<>();
    /** Bounds the memory that odd licence texts can take; past it, texts are resolved each time. */
    private static final int CACHED = 10_000;

    private SpdxLicenses() {}

    /** The licence choice for the text, or null for no text. */
    static LicenseChoice choice(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String licence = text.strip();
        LicenseChoice choice = new LicenseChoice();
        Optional<String> expression = expression(licence);
        if (expression.isPresent()) {
            choice.setExpression(new Expression(expression.get()));
            return choice;
        }
        License l = new License();
        Optional<String> id = spdxId(licence);
        if (id.isPresent()) {
            l.setId(id.get());
        } else {
            l.setName(licence);
        }
        choice.addLicense(l);
        return choice;
    }

    /** The SPDX id the text names, in its canonical spelling. */
    static Optional<String> spdxId(String text) {
        Optional<String> cached = IDS.get(text);
        if (cached != null) {
            return cached;
        }
        LicenseChoice resolved = LicenseResolver.resolve(text, false);
        Optional<String> id = resolved == null || resolved.getLicenses() == null || resolved.getLicenses().isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(resolved.getLicenses().getFirst().getId());
        if (IDS.size() < CACHED) {
            IDS.put(text, id);
        }
        return id;
    }

    /**
     * The text as a normalised SPDX expression, when it has at least one operator and every
     * licence in it is an SPDX id or a LicenseRef; otherwise empty.
     */
    private static Optional<String> expression(String text) {
        List<String> tokens = new ArrayList<>();
        for (String t : TOKENS.split(text)) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        if (tokens.stream().noneMatch(OPERATORS::contains)) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean expectLicence = true;
        boolean afterWith = false;
        for (String token : tokens) {
            switch (token) {
                case "(" -> {
                    if (!expectLicence || afterWith) {
                        return Optional.empty();
                    }
                    depth++;
                    out.append('(');
                }
                case ")" -> {
                    if (expectLicence || --depth < 0) {
                        return Optional.empty();
                    }
                    out.append(')');
                }
                case "AND", "OR", "WITH" -> {
                    if (expectLicence) {
                        return Optional.empty();
                    }
                    out.append(' ').append(token).append(' ');
                    expectLicence = true;
                    afterWith = token.equals("WITH");
                }
                default -> {
                    if (!expectLicence) {
                        return Optional.empty();
                    }
                    Optional<String> term = afterWith ? exception(token) : licence(token);
                    if (term.isEmpty()) {
                        return Optional.empty();
                    }
                    out.append(term.get());
                    expectLicence = false;
                    afterWith = false;
                }
            }
        }
        return depth == 0 && !expectLicence ? Optional.of(out.toString()) : Optional.empty();
    }

    private static Optional<String> licence(String token) {
        if (LICENSE_REF.matcher(token).matches()) {
            return Optional.of(token);
        }
        boolean orLater = token.endsWith("+") && token.length() > 1;
        String bare = orLater ? token.substring(0, token.length() - 1) : token;
        // Only exact ids (in any case) count inside an expression, not licence names.
        return spdxId(bare)
                .filter(id -> id.toLowerCase(Locale.ROOT).equals(bare.toLowerCase(Locale.ROOT)))
                .map(id -> orLater ? id + "+" : id);
    }

    private static Optional<String> exception(String token) {
        return EXCEPTION.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }
}
