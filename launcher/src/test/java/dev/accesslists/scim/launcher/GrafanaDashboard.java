package dev.accesslists.scim.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's Grafana dashboard, and the series its PromQL expressions select. */
final class GrafanaDashboard {
    static final Path FILE = Path.of("..", "ops", "grafana", "scim-pipeline-dashboard.json");

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern SERVICE = Pattern.compile("\\bservice\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern IDENTIFIER = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    /** A series an expression selects: its metric name, and the service its matchers name (or null). */
    record Selector(String metric, String service, String expression) {
    }

    final JsonNode json;

    private GrafanaDashboard(JsonNode json) {
        this.json = json;
    }

    static GrafanaDashboard load() {
        try {
            return new GrafanaDashboard(Json.mapper().readTree(FILE.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel that shows data (rows left out). */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                panels.add(panel);
            }
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every PromQL expression of the panels' targets. */
    List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        return expressions;
    }

    /** Every series selected by a panel or by a template variable's query. */
    List<Selector> selectors() {
        List<Selector> selectors = new ArrayList<>();
        for (String expression : expressions()) {
            selectors.addAll(selectors(expression));
        }
        for (JsonNode variable : json.path("templating").path("list")) {
            String query = variable.path("query").isTextual() ? variable.path("query").asText()
                    : variable.path("query").path("query").asText();
            Matcher m = LABEL_VALUES.matcher(query);
            if (m.find()) {
                selectors.add(new Selector(m.group(1), null, query));
            }
        }
        return selectors;
    }

    /**
     * The series an expression selects: each {@code name{matchers}}, and each bare name (an
     * identifier that is neither a function, nor inside {@code by (...)}, nor a variable).
     */
    static List<Selector> selectors(String expression) {
        List<Selector> selectors = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Matcher service = SERVICE.matcher(selector.group(2));
            selectors.add(new Selector(selector.group(1), service.find() ? service.group(1) : null, expression));
        }
        String rest = expression.replaceAll(SELECTOR.pattern(), " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\{?\\w+}?", " ")
                .replaceAll("\"[^\"]*\"", " ")
                .replaceAll("\\b\\d+(\\.\\d+)?\\b", " ");
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean function = identifier.group(2) != null;
            if (!function && !List.of("and", "or", "unless", "bool", "offset").contains(name)) {
                selectors.add(new Selector(name, null, expression));
            }
        }
        return selectors;
    }
}
