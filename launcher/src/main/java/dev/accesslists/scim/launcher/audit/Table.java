package dev.accesslists.scim.launcher.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An answer: named columns and rows, written as an aligned table for people, or as JSON (an
 * array of objects, lists and maps kept as such) or CSV (RFC 4180) for tools.
 */
public final class Table {
    public enum Format { TABLE, JSON, CSV }

    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    public Table(String... columns) {
        this.columns = List.of(columns);
    }

    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values");
        }
        rows.add(java.util.Arrays.asList(values));
        return this;
    }

    public List<List<Object>> rows() {
        return rows;
    }

    public void print(PrintStream out, Format format) {
        switch (format) {
            case JSON -> out.println(json());
            case CSV -> printCsv(out);
            default -> printTable(out);
        }
    }

    String json() {
        ArrayNode array = Json.mapper().createArrayNode();
        for (List<Object> row : rows) {
            ObjectNode object = array.addObject();
            for (int i = 0; i < columns.size(); i++) {
                object.set(columns.get(i), Json.mapper().valueToTree(row.get(i) instanceof java.time.Instant t
                        ? t.toString() : row.get(i)));
            }
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void printCsv(PrintStream out) {
        out.print(columns.stream().map(Table::csv).collect(Collectors.joining(",")) + "\r\n");
        for (List<Object> row : rows) {
            out.print(row.stream().map(v -> csv(text(v))).collect(Collectors.joining(",")) + "\r\n");
        }
    }

    private static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private void printTable(PrintStream out) {
        if (rows.isEmpty()) {
            out.println("(none)");
            return;
        }
        int[] widths = new int[columns.size()];
        List<String[]> texts = new ArrayList<>();
        String[] header = columns.stream().map(c -> c.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase())
                .toArray(String[]::new);
        texts.add(header);
        for (List<Object> row : rows) {
            texts.add(row.stream().map(Table::text).toArray(String[]::new));
        }
        for (String[] line : texts) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : texts) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    /** A cell as text: lists joined with spaces, maps as {@code name=v1,v2}, nothing as empty. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(Table::text).collect(Collectors.joining(" "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() instanceof Collection<?> c
                    ? c.stream().map(String::valueOf).collect(Collectors.joining(",")) : text(e.getValue())))
                    .collect(Collectors.joining(" "));
        }
        return String.valueOf(value);
    }
}
