package io.coffer.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every HTTP route of Coffer and the roles allowed to call it: the one place where authorization
 * is declared. The HTTP layer registers exactly these routes and refuses to start if a handler is
 * missing for one of them, so a route cannot exist without an entry here. {@link Role#ADMIN} may
 * call every route; a route with no roles is public (health checks only).
 */
public enum Access {
    HEALTH("GET", "/api/v1/health"),
    READY("GET", "/api/v1/ready"),
    METRICS("GET", "/metrics", Role.AUDITOR),

    WHOAMI("GET", "/api/v1/whoami", Groups.ANYONE),

    USERS_LIST("GET", "/api/v1/users", Role.ADMIN),
    USER_ADD("POST", "/api/v1/users", Role.ADMIN),
    USER_SHOW("GET", "/api/v1/users/{user}", Role.ADMIN),
    USER_ROLES("POST", "/api/v1/users/{user}/roles", Role.ADMIN),
    USER_DISABLE("POST", "/api/v1/users/{user}/disable", Role.ADMIN),
    TOKENS_LIST("GET", "/api/v1/tokens", Role.ADMIN),
    TOKEN_CREATE("POST", "/api/v1/tokens", Role.ADMIN),
    TOKEN_REVOKE("POST", "/api/v1/tokens/{token}/revoke", Role.ADMIN),

    PRODUCTS_LIST("GET", "/api/v1/products", Groups.READERS),
    PRODUCT_CREATE("POST", "/api/v1/products", Role.LIBRARIAN),
    PRODUCT_SHOW("GET", "/api/v1/products/{product}", Groups.READERS),
    VERSIONS_LIST("GET", "/api/v1/products/{product}/versions", Groups.READERS),
    VERSION_LATEST("GET", "/api/v1/products/{product}/latest", Groups.READERS),
    VERSION_SHOW("GET", "/api/v1/products/{product}/versions/{version}", Groups.READERS),
    VERSION_STATUS("POST", "/api/v1/products/{product}/versions/{version}/status", Role.LIBRARIAN),
    PROVENANCE_IMPORT("POST", "/api/v1/products/{product}/versions/{version}/provenance", Role.LIBRARIAN),
    PROVENANCE_SHOW("GET", "/api/v1/products/{product}/versions/{version}/provenance", Groups.READERS),
    FILE_DOWNLOAD("GET", "/api/v1/products/{product}/versions/{version}/files/{file}", Groups.READERS_AND_AGENTS),
    FILE_HEAD("HEAD", "/api/v1/products/{product}/versions/{version}/files/{file}", Groups.READERS_AND_AGENTS),
    SUPPLIERS_LIST("GET", "/api/v1/suppliers", Groups.READERS),
    MEDIA_PUSH("POST", "/api/v1/media", Role.LIBRARIAN),
    MEDIA_SHOW("GET", "/api/v1/media/{id}", Groups.READERS),
    MEDIA_LOCATE("POST", "/api/v1/media/{id}/locations", Role.LIBRARIAN),
    SEARCH("GET", "/api/v1/search", Groups.READERS),
    BLOB_DOWNLOAD("GET", "/api/v1/blobs/{sha256}", Groups.READERS_AND_AGENTS),
    BLOB_HEAD("HEAD", "/api/v1/blobs/{sha256}", Groups.READERS_AND_AGENTS),
    // The log holds every user's roles and tokens' holders, which only admins see elsewhere.
    EVENTS_LIST("GET", "/api/v1/events", Role.AUDITOR),
    EVENTS_VERIFY("GET", "/api/v1/events/verify", Role.AUDITOR),
    LIBRARY_VERIFY("POST", "/api/v1/verify", Role.AUDITOR),

    RELEASES_LIST("GET", "/api/v1/releases", Groups.READERS),
    RELEASE_CREATE("POST", "/api/v1/releases", Role.RELEASE_MANAGER),
    // Registered before RELEASE_SHOW so that the fixed path wins over the {id} pattern.
    RELEASE_CALENDAR("GET", "/api/v1/releases/calendar.ics", Groups.READERS),
    RELEASE_SHOW("GET", "/api/v1/releases/{id}", Groups.READERS),
    RELEASE_UPDATE("PATCH", "/api/v1/releases/{id}", Role.RELEASE_MANAGER),
    RELEASE_ITEMS_ADD("POST", "/api/v1/releases/{id}/items", Role.RELEASE_MANAGER),
    RELEASE_ITEMS_REMOVE("DELETE", "/api/v1/releases/{id}/items/{product}", Role.RELEASE_MANAGER),
    RELEASE_BASELINE("POST", "/api/v1/releases/{id}/baseline", Role.RELEASE_MANAGER),
    RELEASE_EVIDENCE_ATTACH("POST", "/api/v1/releases/{id}/evidence", Role.RELEASE_MANAGER),
    RELEASE_EVIDENCE_UPLOAD("PUT", "/api/v1/releases/{id}/evidence/{file}", Role.RELEASE_MANAGER),
    RELEASE_EVIDENCE_REMOVE("DELETE", "/api/v1/releases/{id}/evidence/{file}", Role.RELEASE_MANAGER),
    RELEASE_SUBMIT("POST", "/api/v1/releases/{id}/submit", Role.RELEASE_MANAGER),
    RELEASE_APPROVE("POST", "/api/v1/releases/{id}/approve", Role.APPROVER),
    RELEASE_REJECT("POST", "/api/v1/releases/{id}/reject", Role.APPROVER),
    RELEASE_SCHEDULE("POST", "/api/v1/releases/{id}/schedule", Role.RELEASE_MANAGER),
    RELEASE_DEPLOY("POST", "/api/v1/releases/{id}/deploy", Role.RELEASE_MANAGER),
    RELEASE_CLOSE("POST", "/api/v1/releases/{id}/close", Role.RELEASE_MANAGER),
    RELEASE_CANCEL("POST", "/api/v1/releases/{id}/cancel", Role.RELEASE_MANAGER),
    RELEASE_ROLLBACK("POST", "/api/v1/releases/{id}/rollback", Role.RELEASE_MANAGER),
    RELEASE_MANIFEST("GET", "/api/v1/releases/{id}/manifest", Groups.READERS_AND_AGENTS),
    RELEASE_HISTORY("GET", "/api/v1/releases/{id}/history", Groups.READERS),
    RELEASE_DIFF("GET", "/api/v1/releases/{id}/diff", Groups.READERS),
    RELEASE_NOTES("GET", "/api/v1/releases/{id}/notes.md", Groups.READERS),
    RELEASE_SBOM("GET", "/api/v1/releases/{id}/sbom.json", Groups.READERS_AND_AGENTS),
    RELEASE_SIGNING_KEY("GET", "/api/v1/keys/release-signing.pub", Groups.ANYONE),
    POLICY_SHOW("GET", "/api/v1/policy", Groups.READERS),
    POLICY_SET("PUT", "/api/v1/policy", Role.ADMIN),
    POLICY_VERSIONS("GET", "/api/v1/policy/versions", Groups.READERS);

    private final String method;
    private final String path;
    private final Set<Role> roles;

    Access(String method, String path, Role... roles) {
        this.method = method;
        this.path = path;
        this.roles = roles.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(roles[0], roles));
    }

    Access(String method, String path, Set<Role> roles) {
        this.method = method;
        this.path = path;
        this.roles = roles;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The roles that may call the route besides admin; empty for public routes. */
    public Set<Role> roles() {
        return roles;
    }

    public boolean isPublic() {
        return roles.isEmpty();
    }

    /** Whether a principal may call the route. */
    public boolean allows(Principal principal) {
        if (isPublic()) {
            return true;
        }
        return principal != null && (principal.roles().contains(Role.ADMIN)
                || principal.roles().stream().anyMatch(roles::contains));
    }

    private static final class Groups {
        static final Set<Role> READERS = Set.copyOf(EnumSet.of(Role.VIEWER, Role.LIBRARIAN, Role.RELEASE_MANAGER,
                Role.APPROVER, Role.AUDITOR));
        static final Set<Role> READERS_AND_AGENTS = Set.copyOf(EnumSet.of(Role.VIEWER, Role.LIBRARIAN,
                Role.RELEASE_MANAGER, Role.APPROVER, Role.AUDITOR, Role.AGENT));
        static final Set<Role> ANYONE = Set.copyOf(EnumSet.allOf(Role.class));
    }
}
