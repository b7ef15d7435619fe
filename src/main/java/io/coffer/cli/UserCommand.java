package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The users of the library and their roles; admin only. Users are disabled, never deleted. */
@Command(name = "user", description = "Add, list, show, change and disable users (admin only).",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Show.class,
                UserCommand.Roles.class, UserCommand.Disable.class,
                CommandLine.HelpCommand.class})
final class UserCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Coffer.USAGE;
    }

    static String roles(JsonNode roles) {
        List<String> ids = new ArrayList<>();
        roles.forEach(r -> ids.add(r.asText()));
        return ids.isEmpty() ? "-" : String.join(", ", ids);
    }

    @Command(name = "add", description = "Add a user with one or more roles.")
    static final class Add extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "ASCII letters, digits, '.', '_', '-', '@'.")
        String name;

        @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
                description = "viewer, librarian, release-manager, approver, auditor, admin or agent; repeatable.")
        List<String> roles;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("roles", roles);
            JsonNode user = client().post("api/v1/users", body);
            if (json) {
                printJson(user);
            } else {
                out().printf("added user %s with roles %s%n", Table.clean(user.path("name").asText()),
                        roles(user.path("roles")));
            }
            return 0;
        }
    }

    @Command(name = "ls", description = "List the users, disabled ones too.")
    static final class ListUsers extends ClientCommand {

        @Override
        public Integer call() {
            JsonNode users = client().get("api/v1/users");
            if (json) {
                printJson(users);
                return 0;
            }
            Table t = new Table("USER", "ROLES", "STATE", "CREATED", "BY");
            users.forEach(u -> t.row(u.path("name").asText(), roles(u.path("roles")).replace(" ", ""),
                    u.path("disabled").asBoolean() ? "disabled" : "enabled", u.path("createdAt").asText(),
                    u.path("createdBy").asText()));
            t.print(out());
            return 0;
        }
    }

    @Command(name = "show", description = "Show a user with their tokens.")
    static final class Show extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            JsonNode user = client().get("api/v1/users/" + ApiClient.segment(name));
            if (json) {
                printJson(user);
                return 0;
            }
            out().printf("%-12s %s%n", "user", Table.clean(user.path("name").asText()));
            out().printf("%-12s %s%n", "roles", roles(user.path("roles")));
            out().printf("%-12s %s (by %s)%n", "created", user.path("createdAt").asText(),
                    Table.clean(user.path("createdBy").asText()));
            if (user.path("disabled").asBoolean()) {
                out().printf("%-12s %s (by %s)%n", "disabled", user.path("disabledAt").asText(),
                        Table.clean(user.path("disabledBy").asText()));
            }
            out().println();
            TokenCommand.table(user.path("tokens")).print(out());
            return 0;
        }
    }

    @Command(name = "roles", description = "Replace a user's roles. Their tokens lose, at once, every role the "
            + "user no longer has.")
    static final class Roles extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
                description = "The user's roles from now on; repeatable.")
        List<String> roles;

        @Override
        public Integer call() {
            JsonNode user = client().post("api/v1/users/" + ApiClient.segment(name) + "/roles",
                    Map.of("roles", roles));
            if (json) {
                printJson(user);
            } else {
                out().printf("user %s now has roles %s%n", Table.clean(user.path("name").asText()),
                        roles(user.path("roles")));
            }
            return 0;
        }
    }

    @Command(name = "disable", description = "Disable a user and revoke all of their tokens, effective at once.")
    static final class Disable extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--reason", description = "Why, recorded in the event log.")
        String reason;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reason", reason);
            JsonNode user = client().post("api/v1/users/" + ApiClient.segment(name) + "/disable", body);
            if (json) {
                printJson(user);
            } else {
                out().printf("user %s is disabled (since %s, by %s); their tokens no longer work%n",
                        Table.clean(user.path("name").asText()), user.path("disabledAt").asText(),
                        Table.clean(user.path("disabledBy").asText()));
            }
            return 0;
        }
    }
}
