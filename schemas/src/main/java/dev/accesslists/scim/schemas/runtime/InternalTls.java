package dev.accesslists.scim.schemas.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual TLS for the internal query API, when configured: the query API serves HTTPS only and
 * accepts only clients whose certificate its trust store trusts; ingest instances and forwarding
 * membership-streams instances present their own certificate and check the server's (its name must
 * match the host they call). On top of the internal token, not instead of it.
 *
 * @param keyStore PKCS12 file with this instance's private key and certificate
 * @param trustStore PKCS12 file with the certificates (or the CA) of the peers to trust
 */
public record InternalTls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    /**
     * From {@code INTERNAL_TLS_KEYSTORE}, {@code INTERNAL_TLS_KEYSTORE_PASSWORD},
     * {@code INTERNAL_TLS_TRUSTSTORE} and {@code INTERNAL_TLS_TRUSTSTORE_PASSWORD}; empty when no key
     * store is named.
     */
    public static Optional<InternalTls> fromEnv(Map<String, String> env) {
        String keyStore = env.get("INTERNAL_TLS_KEYSTORE");
        if (keyStore == null || keyStore.isBlank()) {
            return Optional.empty();
        }
        String trustStore = env.get("INTERNAL_TLS_TRUSTSTORE");
        if (trustStore == null || trustStore.isBlank()) {
            throw new IllegalArgumentException("INTERNAL_TLS_TRUSTSTORE must be set with INTERNAL_TLS_KEYSTORE");
        }
        return Optional.of(new InternalTls(Path.of(keyStore.strip()), env.getOrDefault("INTERNAL_TLS_KEYSTORE_PASSWORD", ""),
                Path.of(trustStore.strip()), env.getOrDefault("INTERNAL_TLS_TRUSTSTORE_PASSWORD", "")));
    }

    /** The TLS context with this instance's key and the trusted peers. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore, keyStorePassword), keyStorePassword.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, trustStorePassword));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the internal TLS key or trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** Never prints the passwords. */
    @Override
    public String toString() {
        return "InternalTls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }
}
