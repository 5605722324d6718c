package dev.accesslists.scim.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Settings of a topology test driver: no broker, state in a fresh temporary folder. */
public final class TestDrivers {
    private TestDrivers() {
    }

    public static Properties settings(String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(applicationId + "-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
