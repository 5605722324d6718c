package dev.accesslists.scim.launcher.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates SCIM requests that a careless, hostile or merely unusual client might send: valid ones
 * and near-misses of every part of a request (method, path and ids, query parameters and filters,
 * headers, JSON shapes of User, Group and PATCH bodies, and bodies that are not JSON at all). A
 * request is a pure function of the random source, so a seed reproduces it.
 */
public final class RequestFuzzer {
    /**
     * One generated request.
     *
     * @param path from the SCIM base path on, with its query string
     * @param headers besides Authorization, which {@code authorization} says how to set
     * @param authorization {@code VALID}, or what to send instead of the valid token
     */
    public record FuzzRequest(String method, String path, Map<String, String> headers, String authorization,
                              byte[] body) {
        /** Authorization: use the client's real token. */
        public static final String VALID = "<valid>";

        public String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + (path.length() > 300 ? path.substring(0, 300) + "..." : path) + " " + headers
                    + (VALID.equals(authorization) ? "" : " auth=" + shorten(authorization))
                    + (body == null ? "" : " body(" + body.length + ")=" + text);
        }

        private static String shorten(String value) {
            return value == null ? "none" : value.length() > 60 ? value.substring(0, 60) + "..." : value;
        }
    }

    /** Ids the requests may name: real ones of the caller's directory, and one of another directory. */
    public record Known(List<String> userIds, List<String> groupIds, List<String> foreignIds) {
    }

    private static final String[] ATTRIBUTES = {"userName", "displayName", "active", "name.givenName",
        "name.familyName", "emails", "emails.value", "emails.type", "emails[type eq \"work\"].value", "externalId",
        "id", "meta.created", "meta.lastModified", "members", "members.value", "groups", "title", "userType",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "phoneNumbers[primary eq true]",
        "x", "", "schemas", "Name.GivenName", "USERNAME", "nickName", "addresses.locality", "a.b.c.d"};
    private static final String[] OPERATORS = {"eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "EQ", "Eq",
        "xx", "=="};
    private static final String[] WEIRD = {"", " ", "\"", "\\", "'", "%", "%00", "\u0000", "\uFFFF", "\uD800",
        "😀", "../", "..%2F", "/", "//", "?", "#", "&", "=", "[", "]", "(", ")", "{", "}", "null", "true", "-1",
        "9223372036854775808", "1e309", "NaN", "<script>", "' or 1=1 --", "${jndi:ldap://x}", "\r\n", "\t"};

    private final SplittableRandom random;
    private final Known known;

    public RequestFuzzer(SplittableRandom random, Known known) {
        this.random = random;
        this.known = known;
    }

    public FuzzRequest next() {
        String resource = pick(0.45, "Users", 0.4, "Groups", 0.15, "other");
        String method = method();
        String path = path(resource, method);
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = chance(0.8) ? pick(0.6, "application/scim+json", 0.3, "application/json", 0.1, "x")
                : null;
        if ("x".equals(contentType)) {
            contentType = oneOf("text/plain", "application/scim+json; charset=utf-8", "application/json;charset=UTF-8",
                    "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", ";;;",
                    "application/scim+json; charset=latin1", "APPLICATION/SCIM+JSON");
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (chance(0.3)) {
            headers.put("Accept", oneOf("application/scim+json", "application/json", "text/html", "*/*", "x/y;q=0"));
        }
        if (chance(0.1)) {
            headers.put(oneOf("If-Match", "If-None-Match", "X-Forwarded-For", "X-HTTP-Method-Override", "Prefer",
                    "Accept-Language", "X-Request-Id"), oneOf("*", "W/\"1\"", "\"x\"", "1.2.3.4", "DELETE", weird()));
        }
        String authorization = FuzzRequest.VALID;
        if (chance(0.05)) {
            authorization = oneOf(null, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b.c",
                    "Bearer " + "x".repeat(9000), "bearer  " + UUID.randomUUID(), "Token abc", weird());
        }
        byte[] body = hasBody(method) || chance(0.05) ? body(resource, method) : null;
        return new FuzzRequest(method, path, headers, authorization, body);
    }

    private String method() {
        double p = random.nextDouble();
        if (p < 0.35) {
            return "GET";
        } else if (p < 0.55) {
            return "POST";
        } else if (p < 0.75) {
            return "PATCH";
        } else if (p < 0.87) {
            return "PUT";
        } else if (p < 0.97) {
            return "DELETE";
        }
        return oneOf("HEAD", "OPTIONS", "TRACE", "FOO", "get");
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    // ------------------------------------------------------------------ paths and queries

    private String path(String resource, String method) {
        String path;
        if (resource.equals("other")) {
            path = "/" + oneOf("ServiceProviderConfig", "ResourceTypes", "ResourceTypes/User", "ResourceTypes/Group",
                    "ResourceTypes/" + encodePath(weird()), "Schemas", "Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
                    "Schemas/" + encodePath(weird()), "Bulk", "Me", ".search", "Users/.search", encodePath(weird()), "",
                    "//Users");
        } else {
            String name = chance(0.9) ? resource : oneOf(resource.toLowerCase(), resource.toUpperCase(), resource + "/",
                    resource + "//", resource + "%2F");
            boolean withId = method.equals("GET") ? chance(0.5) : !method.equals("POST") || chance(0.1);
            path = "/" + name + (withId ? "/" + encodePath(id(resource)) : "");
        }
        if (chance(0.5)) {
            path += "?" + query();
        }
        return path;
    }

    private String id(String resource) {
        double p = random.nextDouble();
        List<String> own = resource.equals("Users") ? known.userIds() : known.groupIds();
        if (p < 0.5 && !own.isEmpty()) {
            return own.get(random.nextInt(own.size()));
        } else if (p < 0.6 && !known.foreignIds().isEmpty()) {
            return known.foreignIds().get(random.nextInt(known.foreignIds().size()));
        } else if (p < 0.75) {
            return UUID.randomUUID().toString();
        } else if (p < 0.8) {
            return "x".repeat(1 + random.nextInt(5000));
        }
        return weird() + (chance(0.5) ? UUID.randomUUID() : "") + weird();
    }

    private String query() {
        List<String> parameters = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String name = pick(0.45, "filter", 0.25, "paging", 0.3, "other");
            switch (name) {
                case "filter" -> parameters.add("filter=" + encode(filter(3)));
                case "paging" -> {
                    parameters.add("startIndex=" + encode(number()));
                    parameters.add("count=" + encode(number()));
                }
                default -> parameters.add(encode(oneOf("attributes", "excludedAttributes", "sortBy", "sortOrder", "Filter",
                        "FILTER", weird())) + "=" + encode(chance(0.7) ? attributeList() : weird()));
            }
        }
        return String.join("&", parameters);
    }

    private String number() {
        return oneOf("1", "0", "-1", "2", "5", "100", "200", "201", "10000", "2147483647", "2147483648",
                "-2147483649", "99999999999999999999", "1.5", "abc", "", " 3 ", "0x10", "1e3");
    }

    private String attributeList() {
        StringBuilder list = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            list.append(i == 0 ? "" : ",").append(oneOf(ATTRIBUTES));
        }
        return list.toString();
    }

    /** A filter from the RFC 7644 grammar, sometimes broken on purpose. */
    String filter(int depth) {
        String filter = validFilter(depth);
        if (chance(0.25)) {
            filter = mutate(filter);
        }
        return filter;
    }

    private String validFilter(int depth) {
        double p = random.nextDouble();
        if (depth <= 0 || p < 0.5) {
            String attribute = oneOf(ATTRIBUTES);
            String op = oneOf(OPERATORS);
            if (op.equals("pr")) {
                return attribute + " pr";
            }
            return attribute + " " + op + " " + value();
        } else if (p < 0.65) {
            return validFilter(depth - 1) + oneOf(" and ", " or ", " AND ", " Or ") + validFilter(depth - 1);
        } else if (p < 0.75) {
            return "not (" + validFilter(depth - 1) + ")";
        } else if (p < 0.85) {
            return "(" + validFilter(depth - 1) + ")";
        }
        return oneOf("emails", "members", "phoneNumbers", "groups", "x") + "[" + validFilter(depth - 1) + "]"
                + (chance(0.3) ? "." + oneOf("value", "type", "display") + " eq " + value() : "");
    }

    private String value() {
        return oneOf("\"bjensen\"", "\"\"", "true", "false", "null", "42", "-1.5e10", "\"2011-05-13T04:42:34Z\"",
                "\"a \\\"quoted\\\" value\"", "unquoted", "\"" + weird() + "\"", "\"" + "v".repeat(random.nextInt(3000))
                + "\"", "[1,2]", "{}");
    }

    private String mutate(String text) {
        if (text.isEmpty()) {
            return weird();
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(5)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + weird() + text.substring(at);
            case 2 -> "(".repeat(1 + random.nextInt(300)) + text;
            case 3 -> text + ")".repeat(1 + random.nextInt(5));
            default -> text.replace('"', '\'');
        };
    }

    // ------------------------------------------------------------------ bodies

    private byte[] body(String resource, String method) {
        double p = random.nextDouble();
        if (p < 0.05) {
            return bytes(random.nextInt(64));
        } else if (p < 0.08) {
            return new byte[0];
        } else if (p < 0.12) {
            return json(jsonValue(3)).getBytes(StandardCharsets.UTF_8);
        } else if (p < 0.14) {
            return ("[".repeat(1 + random.nextInt(3000)) + "]".repeat(random.nextInt(3000)))
                    .getBytes(StandardCharsets.UTF_8);
        }
        String body = method.equals("PATCH") ? patchBody(resource) : resource.equals("Groups") ? groupBody() : userBody();
        if (chance(0.1)) {
            body = mutate(body);
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private String userBody() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (chance(0.8)) {
            fields.put("schemas", oneOf("[\"urn:ietf:params:scim:schemas:core:2.0:User\"]",
                    "[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]",
                    "[\"urn:example:unknown\"]", "[]", "\"urn:ietf:params:scim:schemas:core:2.0:User\"", "null"));
        }
        if (chance(0.9)) {
            fields.put(oneOf("userName", "userName", "USERNAME", "username"), chance(0.8)
                    ? quote("fuzz-" + random.nextInt(200) + "@example.com") : jsonValue(2));
        }
        addRandom(fields, "active", () -> oneOf("true", "false", "\"True\"", "\"False\"", "\"yes\"", "1", "null",
                "[true]", "{}"));
        addRandom(fields, "displayName", () -> chance(0.7) ? quote("Fuzz " + weird()) : jsonValue(2));
        addRandom(fields, "name", () -> chance(0.7) ? "{\"givenName\":" + quote(weird()) + ",\"familyName\":\"F\"}"
                : jsonValue(2));
        addRandom(fields, "emails", () -> chance(0.6) ? "[{\"value\":\"f@example.com\",\"type\":\"work\",\"primary\":true}]"
                : jsonValue(2));
        addRandom(fields, "externalId", () -> chance(0.7) ? quote("ext-" + random.nextInt(50)) : jsonValue(1));
        addRandom(fields, "id", () -> quote(UUID.randomUUID().toString()));
        addRandom(fields, "meta", () -> "{\"resourceType\":\"User\",\"version\":\"W/\\\"1\\\"\"}");
        addRandom(fields, "groups", () -> "[]");
        addRandom(fields, "password", () -> quote("Secr3t!"));
        addRandom(fields, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                () -> chance(0.7) ? "{\"employeeNumber\":\"7\",\"manager\":{\"value\":\"m1\"}}" : jsonValue(2));
        addRandom(fields, weird(), () -> jsonValue(2));
        return object(fields);
    }

    private String groupBody() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (chance(0.8)) {
            fields.put("schemas", "[\"urn:ietf:params:scim:schemas:core:2.0:Group\"]");
        }
        if (chance(0.9)) {
            fields.put("displayName", chance(0.7) ? quote(oneOf("GroupRequester", "ProductionAdmins", "Nope", ""))
                    : jsonValue(2));
        }
        addRandom(fields, "members", () -> chance(0.7) ? members() : jsonValue(2));
        addRandom(fields, "externalId", () -> quote("g-" + random.nextInt(10)));
        addRandom(fields, weird(), () -> jsonValue(2));
        return object(fields);
    }

    private String members() {
        StringBuilder members = new StringBuilder("[");
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            members.append(i == 0 ? "" : ",").append(chance(0.8) ? "{\"value\":" + quote(id("Users")) + (chance(0.3)
                    ? ",\"$ref\":null,\"display\":\"x\",\"type\":" + oneOf("\"User\"", "\"Group\"", "1") : "") + "}"
                    : jsonValue(1));
        }
        return members.append("]").toString();
    }

    private String patchBody(String resource) {
        StringBuilder ops = new StringBuilder("[");
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            Map<String, String> op = new LinkedHashMap<>();
            if (chance(0.95)) {
                op.put(chance(0.9) ? "op" : "Op", chance(0.9) ? quote(oneOf("add", "replace", "remove", "Add",
                        "Replace", "Remove", "ADD")) : chance(0.5) ? quote(weird()) : jsonValue(1));
            }
            if (chance(0.7)) {
                op.put("path", chance(0.85) ? quote(patchPath(resource)) : jsonValue(1));
            }
            if (chance(0.85)) {
                op.put("value", patchValue(resource));
            }
            ops.append(i == 0 ? "" : ",").append(object(op));
        }
        ops.append("]");
        Map<String, String> body = new LinkedHashMap<>();
        if (chance(0.8)) {
            body.put("schemas", "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]");
        }
        body.put(chance(0.9) ? "Operations" : oneOf("operations", "ops", weird()), chance(0.9) ? ops.toString()
                : jsonValue(2));
        return object(body);
    }

    private String patchPath(String resource) {
        if (resource.equals("Groups")) {
            return oneOf("members", "displayName", "externalId", "members[value eq " + quote(id("Users")) + "]",
                    "members[value eq " + quote(id("Users")) + " or value eq \"x\"]", "members[display eq \"x\"]",
                    "members.value", "urn:ietf:params:scim:schemas:core:2.0:Group:displayName", "id", weird());
        }
        return chance(0.3) ? filterPath() : oneOf(ATTRIBUTES);
    }

    private String filterPath() {
        return oneOf("emails", "phoneNumbers", "addresses") + "[" + validFilter(1) + "]" + (chance(0.5) ? "."
                + oneOf("value", "type", "primary") : "");
    }

    private String patchValue(String resource) {
        double p = random.nextDouble();
        if (resource.equals("Groups") && p < 0.4) {
            return chance(0.5) ? members() : "{\"id\":\"x\",\"displayName\":" + quote(oneOf("GroupRequester", "Nope"))
                    + "}";
        }
        if (p < 0.6) {
            return oneOf("false", "true", "\"False\"", "\"x\"", "{\"active\":false}", "{\"name.givenName\":\"A\"}",
                    "{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber\":\"7\"}",
                    "[{\"value\":\"a@example.com\",\"type\":\"work\"}]", "{\"userName\":\"renamed@example.com\"}");
        }
        return jsonValue(3);
    }

    // ------------------------------------------------------------------ JSON helpers

    private String jsonValue(int depth) {
        double p = random.nextDouble();
        if (depth <= 0 || p < 0.5) {
            return oneOf("null", "true", "false", "0", "-1", "1.5", "1e400", "12345678901234567890",
                    quote(""), quote(weird()), quote("x".repeat(random.nextInt(100))));
        } else if (p < 0.75) {
            StringBuilder array = new StringBuilder("[");
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                array.append(i == 0 ? "" : ",").append(jsonValue(depth - 1));
            }
            return array.append("]").toString();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            fields.put(oneOf(ATTRIBUTES), jsonValue(depth - 1));
        }
        return object(fields);
    }

    private static String json(String value) {
        return value;
    }

    private void addRandom(Map<String, String> fields, String name, java.util.function.Supplier<String> value) {
        if (chance(0.35)) {
            fields.put(name, value.get());
        }
    }

    private static String object(Map<String, String> fields) {
        StringBuilder text = new StringBuilder("{");
        int i = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            text.append(i++ == 0 ? "" : ",").append(quote(field.getKey())).append(':').append(field.getValue());
        }
        return text.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    // ------------------------------------------------------------------ randomness

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    private <T> T oneOf(T... options) {
        return options[random.nextInt(options.length)];
    }

    private String pick(double p1, String a, double p2, String b, double p3, String c) {
        double p = random.nextDouble() * (p1 + p2 + p3);
        return p < p1 ? a : p < p1 + p2 ? b : c;
    }

    private String weird() {
        return oneOf(WEIRD);
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Path segments keep most characters, so odd ids reach the server, but stay a valid URI. */
    private static String encodePath(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}%#?/ ".indexOf(c) < 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
