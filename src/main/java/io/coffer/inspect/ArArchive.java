package io.coffer.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The member table of a Unix ar archive, the container of a Debian package. Only the headers are
 * read; each member is located by offset so that its bytes can be streamed straight from the file.
 * Member sizes are checked against the file size, which is how a truncated package is recognised.
 */
final class ArArchive {

    static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);

    private static final int HEADER = 60;

    /**
     * One member: its name (without the GNU trailing slash), where its data starts, its declared
     * size, and how many of those bytes the file actually holds.
     */
    record Member(String name, long offset, long size, long available) {

        /** Throws {@link Unreadable} (MALFORMED) if the file ends before this member does. */
        Member requireComplete() {
            if (available < size) {
                throw Unreadable.malformed(name + " is truncated: its header declares " + size
                        + " bytes but only " + available + " remain in the file");
            }
            return this;
        }
    }

    private ArArchive() {
    }

    /** Whether {@code head} starts with the ar signature. */
    static boolean hasMagic(byte[] head, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The name of the first member as it appears in the header bytes, or "" if there are too few. */
    static String firstMemberName(byte[] head, int length) {
        if (length < MAGIC.length + 16) {
            return "";
        }
        return memberName(head, MAGIC.length);
    }

    /**
     * The members listed before the end of the file, a damaged header, or {@code maxMembers}.
     *
     * @param damage why listing stopped early, or null when it reached the end or the maximum
     */
    record Listing(List<Member> members, String damage) {

        /** The first member named {@code prefix} or {@code prefix.*}, or an {@link Unreadable} saying why not. */
        Member find(String prefix) {
            for (Member m : members) {
                if (m.name().equals(prefix) || m.name().startsWith(prefix + ".")) {
                    return m;
                }
            }
            throw Unreadable.malformed(damage != null ? damage : "it has no " + prefix + " member");
        }
    }

    /**
     * Lists up to {@code maxMembers} members. Throws {@link Unreadable} (MALFORMED) only when the file
     * is not an ar archive at all; a damaged header ends the listing with the damage noted, and a
     * member that runs past the end of the file is listed with what it has, so that the caller can
     * read the members before the damage and decide when to {@link Member#requireComplete() insist}.
     */
    static Listing members(LocalFile file, int maxMembers) {
        byte[] magic = new byte[MAGIC.length];
        if (!hasMagic(magic, file.readAt(0, magic, 0, magic.length))) {
            throw Unreadable.malformed("it does not start with the ar archive signature '!<arch>'");
        }
        List<Member> members = new ArrayList<>();
        long position = MAGIC.length;
        while (position < file.size() && members.size() < maxMembers) {
            String where = "the ar header at offset " + position;
            if (file.size() - position < HEADER) {
                return new Listing(members, where + " is truncated");
            }
            byte[] header = file.readExactly(position, HEADER, where);
            if (header[58] != '`' || header[59] != '\n') {
                return new Listing(members, where + " is damaged: it does not end with '`\\n'");
            }
            String name = memberName(header, 0);
            String size = new String(header, 48, 10, StandardCharsets.US_ASCII).trim();
            if (size.isEmpty() || !size.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return new Listing(members, where + " has size field '" + printable(size)
                        + "', expected a decimal byte count");
            }
            long declared = Long.parseLong(size);
            long offset = position + HEADER;
            members.add(new Member(name, offset, declared, Math.min(declared, file.size() - offset)));
            // Members start on even offsets; odd-sized data is followed by one padding byte.
            position = offset + declared + (declared & 1);
        }
        return new Listing(members, null);
    }

    private static String memberName(byte[] bytes, int offset) {
        String name = printable(new String(bytes, offset, 16, StandardCharsets.US_ASCII).trim());
        return name.endsWith("/") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }
}
