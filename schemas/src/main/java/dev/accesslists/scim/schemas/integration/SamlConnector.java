package dev.accesslists.scim.schemas.integration;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered SAML connector: what SCIM integrations are bound to, so that every user an
 * integration provisions is linked to one connector. Entity id and SSO URL are shown to admins;
 * the name is what integrations and downstream records refer to.
 *
 * @param name unique name, the record key
 * @param entityId the IdP's SAML entity id, or null
 * @param ssoUrl the IdP's single sign-on URL, or null
 * @param created when it was registered, or null
 */
public record SamlConnector(String name, String entityId, String ssoUrl, Instant created) {
    public SamlConnector {
        Objects.requireNonNull(name, "name");
    }
}
