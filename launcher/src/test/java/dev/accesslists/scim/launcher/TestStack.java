package dev.accesslists.scim.launcher;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.accesslist.AccessListFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One real broker and one stack of the three services for the whole test JVM: started on first
 * use, stopped when the JVM exits.
 */
final class TestStack {
    private static TestStack instance;

    final InProcessKafka kafka;
    final LocalStack stack;
    final LocalStack.Credentials credentials;
    final List<AccessList> lists;

    private TestStack(InProcessKafka kafka, LocalStack stack, LocalStack.Credentials credentials,
                      List<AccessList> lists) {
        this.kafka = kafka;
        this.stack = stack;
        this.credentials = credentials;
        this.lists = lists;
    }

    static synchronized TestStack get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                instance.stack.close();
                instance.kafka.close();
            }));
        }
        return instance;
    }

    private static TestStack start() {
        try {
            InProcessKafka kafka = InProcessKafka.start();
            Path data = Files.createTempDirectory("pipeline-test-");
            LocalStack stack = LocalStack.start(new LocalStack.Settings(kafka.bootstrapServers(), data, "localhost",
                    InProcessKafka.freePort(), InProcessKafka.freePort(), InProcessKafka.freePort()));
            List<AccessList> lists = AccessListFiles.read(Path.of("..", "examples", "access-lists.yaml"));
            stack.apply(lists);
            LocalStack.Credentials credentials = stack.ensureIntegration("test", "okta", false);
            return new TestStack(kafka, stack, credentials, lists);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client of a second integration, i.e. a separate directory, so tests do not see each other's users. */
    ScimClient newDirectoryClient(String name) {
        LocalStack.Credentials c = stack.ensureIntegration(name, "okta", false);
        return new ScimClient(c.scimBaseUrl(), c.tokenUrl(), c.clientId(), c.clientSecret().orElseThrow());
    }
}
