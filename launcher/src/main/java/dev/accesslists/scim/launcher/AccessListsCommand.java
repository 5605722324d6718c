package dev.accesslists.scim.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pipeline access-lists ...}: the Access Lists of a running pipeline, through the admin API. */
@Command(name = "access-lists", mixinStandardHelpOptions = true,
        description = "List and delete Access Lists (create and change them with 'pipeline apply').",
        subcommands = {AccessListsCommand.ListCommand.class, AccessListsCommand.Delete.class})
final class AccessListsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("pipeline access-lists: name a subcommand (see 'pipeline access-lists --help')");
        return 2;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every Access List, with member counts.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        IntegrationsCommand.Target target;

        @Override
        public Integer call() {
            for (JsonNode list : target.api().accessLists()) {
                JsonNode counts = list.path("counts");
                System.out.printf("%-28s title %-24s type %-8s members %s%n", list.at("/metadata/name").asText(),
                        list.at("/spec/title").asText(), list.at("/spec/type").asText("default"),
                        counts.isMissingNode() ? "-" : counts.path("members").asText() + " ("
                                + counts.path("active").asText() + " active)");
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an Access List; a scim list's group can then no longer be changed through SCIM.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        IntegrationsCommand.Target target;
        @Parameters(paramLabel = "NAME", description = "The list's metadata.name.")
        String name;

        @Override
        public Integer call() {
            target.api().deleteAccessList(name);
            System.out.println("deleted access_list " + name);
            return 0;
        }
    }
}
