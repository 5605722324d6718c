package dev.accesslists.scim.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A token service on a fresh data folder with one integration, whose id and secret tests use. */
abstract class WithOneIntegration {
    static final String CLIENT_CREDENTIALS = "grant_type=client_credentials";

    @TempDir
    Path dataDir;
    TokenServiceHarness service;
    String clientId;
    String clientSecret;

    @BeforeEach
    void startServiceWithOneIntegration() {
        service = new TokenServiceHarness(dataDir);
        JsonNode created = service.createIntegration("Okta", "okta-saml");
        clientId = created.get("clientId").asText();
        clientSecret = created.get("clientSecret").asText();
    }

    @AfterEach
    void stopService() {
        service.close();
    }
}
