package dev.accesslists.scim.token;

import dev.accesslists.scim.token.integrations.KafkaIntegrationStore;
import dev.accesslists.scim.token.keys.SigningKeys;

/** Starts the token service from environment variables (see {@link TokenServiceConfig#fromEnv}). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        dev.accesslists.scim.schemas.runtime.JvmDefaults.apply();
        TokenServiceConfig config;
        try {
            config = TokenServiceConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("token-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        SigningKeys keys = SigningKeys.loadOrCreate(config.dataDir());
        KafkaIntegrationStore store = new KafkaIntegrationStore(config.bootstrapServers(), config.topicReplicationFactor());
        TokenServiceApp app = new TokenServiceApp(config, store, keys).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            store.close();
        }, "token-service-shutdown"));
    }
}
