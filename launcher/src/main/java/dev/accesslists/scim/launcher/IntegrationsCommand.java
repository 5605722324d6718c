package dev.accesslists.scim.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pipeline integrations ...}: SCIM integrations and their lifecycle, through the admin API. */
@Command(name = "integrations", mixinStandardHelpOptions = true,
        description = "List, create, rotate, disable, enable and delete SCIM integrations of a running pipeline.",
        subcommands = {IntegrationsCommand.ListCommand.class, IntegrationsCommand.Create.class,
                IntegrationsCommand.Rotate.class, IntegrationsCommand.Disable.class,
                IntegrationsCommand.Enable.class, IntegrationsCommand.Delete.class})
public final class IntegrationsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("pipeline integrations: name a subcommand (see 'pipeline integrations --help')");
        return 2;
    }

    /** Where the admin API is and how to authenticate to it. */
    public static final class Target {
        @Option(names = "--token-url", defaultValue = "http://localhost:8081",
                description = "The token service (default: ${DEFAULT-VALUE}).")
        String tokenService;
        @Option(names = "--data-dir", defaultValue = "data",
                description = "Data folder of the running pipeline, for its admin token (default: ${DEFAULT-VALUE}).")
        Path dataDir;
        @Option(names = "--admin-token", defaultValue = "${env:PIPELINE_ADMIN_TOKEN}",
                description = "The admin token, when not read from the data folder (or PIPELINE_ADMIN_TOKEN).")
        String adminToken;

        public AdminApi api() {
            String token = adminToken;
            if (token == null || token.isBlank()) {
                Path file = dataDir.resolve("admin-token");
                if (!Files.exists(file)) {
                    throw new UserError("no admin token: " + file + " does not exist (start the pipeline, or pass"
                            + " --admin-token)");
                }
                token = LocalStack.adminToken(dataDir);
            }
            return new AdminApi(tokenService, token);
        }
    }

    static void printIntegration(JsonNode integration) {
        System.out.printf("%-26s %-9s gen %-3d SAML connector %-16s name %s%n", integration.path("clientId").asText(),
                integration.path("status").asText(), integration.path("credentialsGeneration").asLong(),
                integration.path("samlConnector").asText(), integration.path("name").asText(""));
    }

    static void printCredentials(JsonNode credentials) {
        System.out.println("SCIM integration (SAML connector: " + credentials.path("samlConnector").asText() + ")");
        System.out.println("  Client ID:      " + credentials.path("clientId").asText());
        System.out.println("  Client Secret:  " + credentials.path("clientSecret").asText()
                + "   (shown once: store it now)");
        System.out.println("  SCIM Base URL:  " + credentials.path("scimBaseUrl").asText());
        System.out.println("  Token URL:      " + credentials.path("tokenUrl").asText());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every integration, oldest first.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() {
            target.api().list().forEach(IntegrationsCommand::printIntegration);
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an integration bound to a SAML connector and print its credentials once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        Target target;
        @Option(names = "--saml-connector", required = true, description = "The SAML connector provisioned users are linked to.")
        String samlConnector;
        @Option(names = "--name", description = "A name for the integration, e.g. the IdP's.")
        String name;

        @Override
        public Integer call() {
            AdminApi api = target.api();
            if (!api.connectorRegistered(samlConnector)) {
                throw new UserError("no SAML connector named \"" + samlConnector + "\" is registered; register it"
                        + " with: pipeline connectors add " + samlConnector + " --entity-id ... --sso-url ...");
            }
            printCredentials(api.create(name, samlConnector));
            return 0;
        }
    }

    /** A command on one integration, named by its client id. */
    abstract static class OnOne implements Callable<Integer> {
        @Mixin
        Target target;
        @Parameters(paramLabel = "CLIENT_ID", description = "The integration's client id.")
        String clientId;

        @Override
        public Integer call() {
            act(target.api(), clientId);
            return 0;
        }

        abstract void act(AdminApi api, String clientId);
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Issue a new client secret (printed once); tokens issued before stop working.")
    static final class Rotate extends OnOne {
        @Override
        void act(AdminApi api, String clientId) {
            printCredentials(api.rotateSecret(clientId));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Refuse the integration's tokens from now on (within seconds on every ingest instance).")
    static final class Disable extends OnOne {
        @Override
        void act(AdminApi api, String clientId) {
            printIntegration(api.disable(clientId));
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Let a disabled integration get tokens again (its old tokens stay refused).")
    static final class Enable extends OnOne {
        @Override
        void act(AdminApi api, String clientId) {
            printIntegration(api.enable(clientId));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete the integration: its credentials stop working; what it provisioned and its"
                    + " history on the event topics stay.")
    static final class Delete extends OnOne {
        @Override
        void act(AdminApi api, String clientId) {
            api.delete(clientId);
            System.out.println("deleted " + clientId);
        }
    }
}
