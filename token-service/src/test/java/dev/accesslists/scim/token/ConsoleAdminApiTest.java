package dev.accesslists.scim.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API as the console uses it: sign-in with the admin credential, the session cookie,
 * CSRF protection on every change, the security headers; and the validation of SAML connectors
 * and Access Lists, whose refusals a person can read.
 */
class ConsoleAdminApiTest {
    private static final String LIST = """
            kind: access_list
            version: v1
            metadata:
              name: %s
            spec:
              title: %s
              type: scim
              grants:
                roles: [%s]
            """;

    @TempDir
    Path dataDir;
    private TokenServiceHarness service;

    @BeforeEach
    void start() {
        service = new TokenServiceHarness(dataDir);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void refusesEveryAdminReadAndChangeWithoutACredential() {
        for (String path : new String[] {"/admin/integrations", "/admin/access-lists", "/admin/saml-connectors",
                "/admin/access-lists/x/members", "/admin/session"}) {
            HttpResponse<String> response = service.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain(TokenServiceHarness.ADMIN_TOKEN);
        }
        assertThat(service.post("/admin/saml-connectors", "application/json", "{\"name\":\"x\"}").statusCode())
                .isEqualTo(401);
        assertThat(service.deleteWithoutAuth("/admin/access-lists/x").statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAWrongCredentialAsBearerAndAtSignIn() {
        assertThat(service.get("/admin/integrations", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> signIn = signIn("wrong");
        assertThat(signIn.statusCode()).isEqualTo(401);
        assertThat(signIn.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(signIn("").statusCode()).isEqualTo(401);
        assertThat(service.post("/admin/session", "application/json", "not json").statusCode()).isEqualTo(401);
    }

    @Test
    void signsInWithAnHttpOnlyStrictCookieAndNeedsTheCsrfTokenForEveryChange() {
        HttpResponse<String> signIn = signIn(TokenServiceHarness.ADMIN_TOKEN);
        assertThat(signIn.statusCode()).isEqualTo(200);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("console_session=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = TokenServiceHarness.json(signIn).path("csrfToken").asText();
        assertThat(csrf).hasSizeGreaterThan(30);
        assertThat(signIn.headers().firstValue("Cache-Control")).contains("no-store");

        // reads need only the cookie
        assertThat(service.get("/admin/integrations", "Cookie", cookie).statusCode()).isEqualTo(200);
        assertThat(TokenServiceHarness.json(service.get("/admin/session", "Cookie", cookie)).path("csrfToken").asText())
                .isEqualTo(csrf);

        // a change without the token, or with another, is refused and does nothing
        HttpResponse<String> missing = service.post("/admin/saml-connectors", "application/json",
                "{\"name\":\"evil\"}", "Cookie", cookie);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(TokenServiceHarness.json(missing).path("error").asText()).isEqualTo("csrf_token_missing");
        HttpResponse<String> wrong = service.post("/admin/saml-connectors", "application/json",
                "{\"name\":\"evil\"}", "Cookie", cookie, "X-CSRF-Token", csrf + "x");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(TokenServiceHarness.json(wrong).path("error").asText()).isEqualTo("csrf_token_invalid");
        assertThat(service.admin("GET", "/admin/saml-connectors", null).body()).doesNotContain("evil");

        // with it, the change is made
        assertThat(service.post("/admin/saml-connectors", "application/json", "{\"name\":\"good\"}",
                "Cookie", cookie, "X-CSRF-Token", csrf).statusCode()).isEqualTo(201);

        // a session's token does not serve another session
        String otherCsrf = TokenServiceHarness.json(signIn(TokenServiceHarness.ADMIN_TOKEN)).path("csrfToken").asText();
        assertThat(service.post("/admin/saml-connectors", "application/json", "{\"name\":\"other\"}",
                "Cookie", cookie, "X-CSRF-Token", otherCsrf).statusCode()).isEqualTo(403);

        // signing out ends the session
        HttpResponse<String> signOut = service.send(service.request("/admin/session", "Cookie", cookie,
                "X-CSRF-Token", csrf).DELETE().build());
        assertThat(signOut.statusCode()).isEqualTo(204);
        assertThat(signOut.headers().firstValue("Content-Type")).isEmpty();
        assertThat(service.get("/admin/integrations", "Cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void servesTheConsoleWithAStrictContentSecurityPolicy() {
        HttpResponse<String> page = service.get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).contains("/console/app.js").doesNotContain("<script>").doesNotContain("onclick");
        assertThat(service.get("/console/app.js").headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/javascript");
        assertThat(service.get("/console/../admin-token").statusCode()).isIn(400, 404);
        assertThat(service.get("/console/secret.txt").statusCode()).isEqualTo(404);
        assertThat(service.get("/admin/integrations").headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void bindsIntegrationsOnlyToRegisteredConnectorsAndKeepsConnectorsInUse() {
        HttpResponse<String> unknown = service.admin("POST", "/admin/integrations",
                "{\"name\":\"x\",\"samlConnector\":\"nobody\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TokenServiceHarness.json(unknown).path("error_description").asText())
                .contains("no SAML connector named \"nobody\" is registered");

        assertThat(service.admin("POST", "/admin/saml-connectors", "{\"name\":\"okta-saml\"}").statusCode())
                .isEqualTo(409);
        assertThat(service.admin("POST", "/admin/saml-connectors", "{\"name\":\"a b\"}").statusCode())
                .isEqualTo(400);
        assertThat(service.admin("POST", "/admin/saml-connectors",
                "{\"name\":\"c1\",\"ssoUrl\":\"javascript:alert(1)\"}").statusCode()).isEqualTo(400);

        service.createIntegration("Okta", "okta-saml");
        HttpResponse<String> inUse = service.admin("DELETE", "/admin/saml-connectors/okta-saml", null);
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(TokenServiceHarness.json(inUse).path("error_description").asText()).contains("Okta");
        HttpResponse<String> deleted = service.admin("DELETE", "/admin/saml-connectors/entra-saml", null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.headers().firstValue("Content-Type")).isEmpty();
        assertThat(service.admin("DELETE", "/admin/saml-connectors/entra-saml", null).statusCode()).isEqualTo(404);
    }

    @Test
    void createsReplacesAndDeletesAccessListsAndRefusesWhatIsInvalidInWords() {
        assertThat(putList("a", LIST.formatted("a", "Alpha", "viewer")).statusCode()).isEqualTo(201);
        assertThat(putList("a", LIST.formatted("a", "Alpha", "viewer")).statusCode()).isEqualTo(200);
        assertThat(putList("a", LIST.formatted("a", "Alpha", "editor")).statusCode()).isEqualTo(200);
        JsonNode stored = TokenServiceHarness.json(service.admin("GET", "/admin/access-lists/a", null));
        assertThat(stored.at("/spec/grants/roles/0").asText()).isEqualTo("editor");
        HttpResponse<String> yaml = service.get("/admin/access-lists/a?format=yaml", "Authorization",
                "Bearer " + TokenServiceHarness.ADMIN_TOKEN);
        assertThat(yaml.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/yaml");
        assertThat(yaml.body()).contains("title: Alpha").doesNotContain("null");

        HttpResponse<String> taken = putList("b", LIST.formatted("b", "Alpha", "viewer"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(TokenServiceHarness.json(taken).path("error_description").asText())
                .isEqualTo("the title \"Alpha\" is already taken by the Access List \"a\"");
        HttpResponse<String> mismatch = putList("c", LIST.formatted("d", "Delta", "viewer"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("is not the name in the path");
        HttpResponse<String> noGrants = putList("e", LIST.formatted("e", "Echo", ""));
        assertThat(noGrants.statusCode()).isEqualTo(400);
        assertThat(noGrants.body()).contains("spec.grants must grant at least one role or trait");
        HttpResponse<String> notYaml = putList("f", "kind: [unclosed");
        assertThat(notYaml.statusCode()).isEqualTo(400);
        assertThat(TokenServiceHarness.json(notYaml).path("error").asText()).isEqualTo("invalid_request");

        assertThat(service.admin("DELETE", "/admin/access-lists/a", null).statusCode()).isEqualTo(204);
        assertThat(service.admin("DELETE", "/admin/access-lists/a", null).statusCode()).isEqualTo(404);
        assertThat(service.admin("GET", "/admin/access-lists/a", null).statusCode()).isEqualTo(404);
    }

    @Test
    void appliesASetWritingOnlyWhatChangedAndPrunesWhenAsked() {
        putList("keep", LIST.formatted("keep", "Keep", "viewer"));
        putList("change", LIST.formatted("change", "Change", "viewer"));
        putList("gone", LIST.formatted("gone", "Gone", "viewer"));
        String set = LIST.formatted("keep", "Keep", "viewer") + "---\n" + LIST.formatted("change", "Change", "editor")
                + "---\n" + LIST.formatted("new", "New", "viewer");

        JsonNode kept = TokenServiceHarness.json(apply(set, false));
        assertThat(kept.path("created").toString()).isEqualTo("[\"new\"]");
        assertThat(kept.path("updated").toString()).isEqualTo("[\"change\"]");
        assertThat(kept.path("unchanged").toString()).isEqualTo("[\"keep\"]");
        assertThat(kept.path("deleted").toString()).isEqualTo("[]");

        JsonNode pruned = TokenServiceHarness.json(apply(set, true));
        assertThat(pruned.path("unchanged").size()).isEqualTo(3);
        assertThat(pruned.path("deleted").toString()).isEqualTo("[\"gone\"]");
        assertThat(service.admin("GET", "/admin/access-lists/gone", null).statusCode()).isEqualTo(404);

        // a set that would clash with a list it leaves in place is refused whole
        HttpResponse<String> clash = apply(LIST.formatted("other", "Keep", "viewer"), false);
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(service.admin("GET", "/admin/access-lists/other", null).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> signIn(String token) {
        return service.post("/admin/session", "application/json", "{\"adminToken\":\"" + token + "\"}");
    }

    private HttpResponse<String> putList(String name, String yaml) {
        return service.send(service.request("/admin/access-lists/" + name, "Authorization",
                        "Bearer " + TokenServiceHarness.ADMIN_TOKEN, "Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build());
    }

    private HttpResponse<String> apply(String yaml, boolean prune) {
        return service.send(service.request("/admin/access-lists/apply" + (prune ? "?prune=true" : ""),
                        "Authorization", "Bearer " + TokenServiceHarness.ADMIN_TOKEN, "Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build());
    }
}
