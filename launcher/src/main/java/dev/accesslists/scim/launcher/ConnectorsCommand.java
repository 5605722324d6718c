package dev.accesslists.scim.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pipeline connectors ...}: the SAML connectors integrations are bound to, through the admin API. */
@Command(name = "connectors", mixinStandardHelpOptions = true,
        description = "List, register and delete the SAML connectors that integrations are bound to.",
        subcommands = {ConnectorsCommand.ListCommand.class, ConnectorsCommand.Add.class, ConnectorsCommand.Delete.class})
final class ConnectorsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("pipeline connectors: name a subcommand (see 'pipeline connectors --help')");
        return 2;
    }

    static void print(JsonNode connector) {
        System.out.printf("%-24s entity id %-40s SSO URL %s%n", connector.path("name").asText(),
                connector.path("entityId").asText("-"), connector.path("ssoUrl").asText("-"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every registered SAML connector.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        IntegrationsCommand.Target target;

        @Override
        public Integer call() {
            target.api().connectors().forEach(ConnectorsCommand::print);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Register a SAML connector.")
    static final class Add implements Callable<Integer> {
        @Mixin
        IntegrationsCommand.Target target;
        @Parameters(paramLabel = "NAME", description = "The connector's name, as integrations will name it.")
        String name;
        @Option(names = "--entity-id", description = "The IdP's SAML entity id (shown to admins).")
        String entityId;
        @Option(names = "--sso-url", description = "The IdP's single sign-on URL (shown to admins).")
        String ssoUrl;

        @Override
        public Integer call() {
            print(target.api().registerConnector(name, entityId, ssoUrl));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a SAML connector no integration is bound to.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        IntegrationsCommand.Target target;
        @Parameters(paramLabel = "NAME", description = "The connector's name.")
        String name;

        @Override
        public Integer call() {
            target.api().deleteConnector(name);
            System.out.println("deleted SAML connector " + name);
            return 0;
        }
    }
}
