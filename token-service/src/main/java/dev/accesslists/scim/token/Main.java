package dev.accesslists.scim.token;

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
        AdminBackends backends = AdminBackends.onKafka(config, System.getenv());
        TokenServiceApp app = new TokenServiceApp(config, backends, keys).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            backends.close();
        }, "token-service-shutdown"));
    }
}
