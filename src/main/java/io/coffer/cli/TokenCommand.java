package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** API tokens of users; admin only. A secret is shown once, when its token is created. */
@Command(name = "token", description = "Create, list and revoke API tokens (admin only).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class,
                CommandLine.HelpCommand.class})
final class TokenCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Coffer.USAGE;
    }

    /** Tokens as a table; never with secrets, which the server does not keep. */
    static Table table(JsonNode tokens) {
        Table t = new Table("ID", "NAME", "USER", "ROLES", "STATE", "CREATED", "EXPIRES");
        tokens.forEach(k -> t.row(k.path("id").asLong(), k.path("name").asText(), k.path("user").asText(),
                UserCommand.roles(k.path("effectiveRoles")).replace(" ", ""), k.path("state").asText(),
                k.path("createdAt").asText(), k.path("expiresAt").asText("never")));
        return t;
    }

    @Command(name = "create", description = "Create a token for a user and print its secret, once.")
    static final class Create extends ClientCommand {

        @Option(names = "--user", required = true, description = "The user the token belongs to.")
        String user;

        @Option(names = "--role", split = ",", paramLabel = "ROLE",
                description = "Roles of the token, all of them the user's (default: all the user's roles).")
        List<String> roles;

        @Option(names = "--expires", paramLabel = "WHEN",
                description = "30d, 12h, 2w, a time such as 2027-01-31T00:00:00Z, or never (default).")
        String expires;

        @Option(names = "--name", paramLabel = "LABEL", description = "A label, e.g. 'ci' (default: the user).")
        String name;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user", user);
            body.put("roles", roles == null ? List.of() : roles);
            body.put("expires", expires);
            body.put("name", name);
            JsonNode token = client().post("api/v1/tokens", body);
            if (json) {
                printJson(token);
                return 0;
            }
            out().printf("created token %d '%s' for %s with roles %s, expires %s%n", token.path("id").asLong(),
                    Table.clean(token.path("name").asText()), Table.clean(token.path("user").asText()),
                    UserCommand.roles(token.path("roles")), token.path("expiresAt").asText("never"));
            out().println("its secret, shown only this once:");
            out().println(token.path("secret").asText());
            return 0;
        }
    }

    @Command(name = "ls", description = "List tokens, newest first (never their secrets).")
    static final class ListTokens extends ClientCommand {

        @Option(names = "--user", description = "Only this user's tokens.")
        String user;

        @Override
        public Integer call() {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("user", user);
            JsonNode tokens = client().get("api/v1/tokens" + ApiClient.query(q));
            if (json) {
                printJson(tokens);
            } else {
                table(tokens).print(out());
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a token; it stops working at once.")
    static final class Revoke extends ClientCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The token's id, from 'coffer token ls'.")
        long id;

        @Override
        public Integer call() {
            JsonNode token = client().post("api/v1/tokens/" + id + "/revoke", Map.of());
            if (json) {
                printJson(token);
            } else {
                out().printf("token %d '%s' of %s is revoked (since %s, by %s)%n", token.path("id").asLong(),
                        Table.clean(token.path("name").asText()), Table.clean(token.path("user").asText()),
                        token.path("revokedAt").asText(), Table.clean(token.path("revokedBy").asText()));
            }
            return 0;
        }
    }
}
