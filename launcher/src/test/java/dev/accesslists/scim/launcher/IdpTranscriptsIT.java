package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.accesslist.AccessListFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The request sequences of real identity providers ({@code src/test/resources/idp-transcripts},
 * see its README), each replayed step by step against the running pipeline in a directory of its
 * own; every answer is also held to what strict SCIM clients check.
 */
class IdpTranscriptsIT {
    private static final Path FOLDER = Path.of("src", "test", "resources", "idp-transcripts");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    @BeforeAll
    static void applyTheTranscriptsLists() throws IOException {
        TestStack stack = TestStack.get();
        stack.stack.apply(AccessListFiles.read(FOLDER.resolve("access-lists.yaml")));
        ScimClient probe = stack.newDirectoryClient("transcripts-probe");
        // the lists reach the writer through the command log: wait until a group can link to each
        for (String title : List.of("Engineering", "Engineering Team", "Sales")) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ScimClient.Response created = probe.post("/Groups", "{\"displayName\":\"" + title + "\"}");
                if (created.status() == 201) {
                    probe.delete("/Groups/" + created.body().get("id").asText());
                }
                return created.status() == 201;
            });
        }
    }

    @TestFactory
    Stream<DynamicNode> shouldAnswerEveryIdpAsItExpects() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(FOLDER)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("okta.json", "entra-id.json", "onelogin.json", "jumpcloud.json", "sailpoint.json");
        return files.stream().map(IdpTranscriptsIT::transcript);
    }

    private static DynamicContainer transcript(Path file) {
        JsonNode transcript;
        try {
            transcript = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = transcript.get("idp").asText();
        Map<String, String> variables = new HashMap<>();
        ScimClient[] client = new ScimClient[1];
        List<DynamicTest> steps = new ArrayList<>();
        int n = 0;
        for (JsonNode step : transcript.get("steps")) {
            n++;
            String label = n + ". " + step.path("note").asText(step.at("/request/method").asText() + " "
                    + step.at("/request/path").asText());
            steps.add(DynamicTest.dynamicTest(label, () -> {
                if (client[0] == null) {
                    client[0] = TestStack.get().newDirectoryClient("transcript-" + file.getFileName().toString()
                            .replace(".json", ""));
                    variables.put("baseUrl", client[0].baseUrl);
                }
                run(client[0], step, variables, label);
            }));
        }
        return DynamicContainer.dynamicContainer(name + " (" + transcript.path("source").asText() + ")", steps);
    }

    private static void run(ScimClient client, JsonNode step, Map<String, String> variables, String label) {
        JsonNode request = step.get("request");
        String path = substitute(request.get("path").asText(), variables).replace(" ", "%20").replace("\"", "%22");
        String body = request.has("body") ? substituteJson(request.get("body").toString(), variables) : null;
        List<String> headers = new ArrayList<>();
        request.path("headers").properties().forEach(h -> {
            headers.add(h.getKey());
            headers.add(substitute(h.getValue().asText(), variables));
        });
        ScimClient.Response response = client.call(request.get("method").asText(), path, body,
                headers.toArray(String[]::new));
        String shown = label + " -> " + response.status() + " " + abbreviate(response.raw().body());

        JsonNode expect = step.get("expect");
        assertThat(response.status()).as(shown).isEqualTo(expect.get("status").asInt());
        strictClientChecks(response, shown);
        expect.path("headers").properties().forEach(h -> {
            String actual = response.raw().headers().firstValue(h.getKey()).orElse(null);
            String wanted = substitute(h.getValue().asText(), variables);
            if (wanted.equals("<present>")) {
                assertThat(actual).as(shown + " header " + h.getKey()).isNotNull();
            } else if (wanted.equals("<absent>")) {
                assertThat(actual).as(shown + " header " + h.getKey()).isNull();
            } else if (wanted.startsWith("<startsWith:")) {
                assertThat(actual).as(shown + " header " + h.getKey()).startsWith(wanted.substring(12, wanted.length() - 1));
            } else {
                assertThat(actual).as(shown + " header " + h.getKey()).isEqualTo(wanted);
            }
        });
        expect.path("body").properties().forEach(e -> {
            JsonNode actual = response.body() == null ? null : response.body().at(e.getKey());
            JsonNode wanted = e.getValue();
            String what = shown + " at " + e.getKey();
            if (wanted.isTextual() && wanted.asText().equals("<present>")) {
                assertThat(actual != null && !actual.isMissingNode()).as(what).isTrue();
            } else if (wanted.isTextual() && wanted.asText().equals("<absent>")) {
                assertThat(actual == null || actual.isMissingNode()).as(what).isTrue();
            } else if (wanted.isTextual() && wanted.asText().startsWith("<size:")) {
                assertThat(actual).as(what).isNotNull();
                assertThat(actual.size()).as(what).isEqualTo(Integer.parseInt(wanted.asText().replaceAll("\\D", "")));
            } else if (wanted.isTextual() && wanted.asText().startsWith("<startsWith:")) {
                String prefix = substitute(wanted.asText().substring(12, wanted.asText().length() - 1), variables);
                assertThat(actual.asText()).as(what).startsWith(prefix);
            } else {
                JsonNode expected = read(substituteJson(wanted.toString(), variables));
                assertThat(actual).as(what).isEqualTo(expected);
            }
        });
        step.path("capture").properties().forEach(c -> {
            String from = c.getValue().asText();
            String value = from.startsWith("header:")
                    ? response.raw().headers().firstValue(from.substring(7)).orElseThrow()
                    : response.body().at(from).asText();
            assertThat(value).as(shown + " capture " + c.getKey()).isNotBlank();
            variables.put(c.getKey(), value);
        });
    }

    /** What strict SCIM clients check on every answer, whatever the step expects. */
    private static void strictClientChecks(ScimClient.Response response, String shown) {
        int status = response.status();
        String type = response.raw().headers().firstValue("Content-Type").orElse(null);
        if (status == 204 || status == 304) {
            assertThat(type).as(shown + ": no Content-Type without content").isNull();
            assertThat(response.raw().body()).as(shown).isEmpty();
            return;
        }
        assertThat(type).as(shown + ": Content-Type").startsWith("application/scim+json");
        JsonNode body = response.body();
        assertThat(body).as(shown + ": a JSON body").isNotNull();
        if (status >= 400) {
            assertThat(body.at("/schemas/0").asText()).as(shown).isEqualTo(ERROR);
            assertThat(body.get("status").asText()).as(shown).isEqualTo(Integer.toString(status));
            assertThat(body.path("detail").asText()).as(shown + ": an error says what is wrong").isNotBlank();
            return;
        }
        if (LIST.equals(body.at("/schemas/0").asText())) {
            for (String field : List.of("totalResults", "startIndex", "itemsPerPage", "Resources")) {
                assertThat(body.has(field)).as(shown + ": ListResponse." + field).isTrue();
            }
            assertThat(body.get("itemsPerPage").asInt()).as(shown).isEqualTo(body.get("Resources").size());
            return;
        }
        JsonNode meta = body.path("meta");
        String resourceType = meta.path("resourceType").asText();
        if (resourceType.equals("User") || resourceType.equals("Group")) {
            assertThat(meta.path("version").asText()).as(shown + ": meta.version").startsWith("W/\"");
            assertThat(response.raw().headers().firstValue("Location")).as(shown + ": Location = meta.location")
                    .contains(meta.get("location").asText());
            assertThat(response.raw().headers().firstValue("ETag")).as(shown + ": ETag = meta.version")
                    .contains(meta.get("version").asText());
        }
    }

    /** Variables put into text as they are (paths, headers, prefixes). */
    private static String substitute(String text, Map<String, String> variables) {
        return substitute(text, variables, false);
    }

    /** Variables put into JSON text (bodies, expected values), escaped so it stays valid JSON. */
    private static String substituteJson(String text, Map<String, String> variables) {
        return substitute(text, variables, true);
    }

    private static String substitute(String text, Map<String, String> variables, boolean json) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            assertThat(value).as("variable " + matcher.group(1) + " captured before use").isNotNull();
            // a value substituted into JSON text keeps it valid JSON
            matcher.appendReplacement(result, Matcher.quoteReplacement(json ? value.replace("\\", "\\\\")
                    .replace("\"", "\\\"") : value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }
}
