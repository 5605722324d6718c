package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's admin commands against the running stack, as an operator types them:
 * SAML connectors, an integration bound to one, Access Lists applied (only what changed, pruning
 * when asked), listed and deleted.
 */
class AdminCommandsIT {
    private static final String LIST = """
            kind: access_list
            version: v1
            metadata:
              name: %s
            spec:
              title: %s
              type: scim
              grants:
                roles: [viewer]
            """;

    @TempDir
    Path dir;

    @Test
    void registersAConnectorBeforeAnIntegrationIsBoundToIt() {
        Run unknown = run("integrations", "create", "--saml-connector", "cli-idp", "--name", "CLI IdP");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("no SAML connector named \"cli-idp\" is registered")
                .contains("pipeline connectors add cli-idp");

        assertThat(run("connectors", "add", "cli-idp", "--entity-id", "urn:cli", "--sso-url",
                "https://idp.example.com/sso").code()).isZero();
        assertThat(run("connectors", "list").out()).contains("cli-idp").contains("https://idp.example.com/sso");
        Run created = run("integrations", "create", "--saml-connector", "cli-idp", "--name", "CLI IdP");
        assertThat(created.code()).isZero();
        assertThat(created.out()).contains("Client Secret:").contains("SAML connector: cli-idp");

        Run inUse = run("connectors", "delete", "cli-idp");
        assertThat(inUse.code()).isNotZero();
        assertThat(inUse.err()).contains("used by 1 integration(s) (CLI IdP)");
    }

    @Test
    void appliesOnlyWhatChangedPrunesWhenAskedAndDeletes() throws IOException {
        Path first = dir.resolve("first.yaml");
        Files.writeString(first, LIST.formatted("cli-a", "CliA") + "---\n" + LIST.formatted("cli-b", "CliB"));
        assertThat(run("apply", "-f", first.toString()).out())
                .contains("created access_list cli-a").contains("created access_list cli-b");
        assertThat(run("apply", "-f", first.toString()).out())
                .contains("unchanged access_list cli-a").contains("unchanged access_list cli-b");

        // a file that is the whole truth: with --prune the lists that left it go (here every other
        // list of the shared stack too, so it names them all again)
        StringBuilder all = new StringBuilder(LIST.formatted("cli-a", "CliA"));
        for (var list : TestStack.get().lists) {
            all.append("---\n").append(dev.accesslists.scim.schemas.accesslist.AccessListFiles.toYaml(list));
        }
        Path second = dir.resolve("second.yaml");
        Files.writeString(second, all.toString());
        Run kept = run("apply", "-f", second.toString());
        assertThat(kept.out()).contains("unchanged access_list cli-a").doesNotContain("deleted");
        Run pruned = run("apply", "-f", second.toString(), "--prune");
        assertThat(pruned.out()).contains("deleted access_list cli-b").doesNotContain("deleted access_list cli-a");
        assertThat(run("access-lists", "list").out()).contains("cli-a").doesNotContain("cli-b");

        assertThat(run("access-lists", "delete", "cli-a").out()).contains("deleted access_list cli-a");
        assertThat(run("access-lists", "list").out()).doesNotContain("cli-a").contains("GroupRequester");

        Path invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, LIST.formatted("cli-c", "GroupRequester"));
        Run clash = run("apply", "-f", invalid.toString());
        assertThat(clash.code()).isNotZero();
        assertThat(clash.err()).contains("already taken by the Access List \"scim-group-requester\"");
    }

    private record Run(int code, String out, String err) {
    }

    /** Runs the command line with the stack's admin API and token, capturing what it prints. */
    private static synchronized Run run(String... args) {
        LocalStack stack = TestStack.get().stack;
        String[] full = new String[args.length + 4];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--token-url";
        full[args.length + 1] = stack.settings().tokenIssuer();
        full[args.length + 2] = "--data-dir";
        full[args.length + 3] = stack.settings().dataDir().toString();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            var line = Cli.commandLine();
            line.setErr(new java.io.PrintWriter(System.err, true));
            int code = line.execute(full);
            return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
