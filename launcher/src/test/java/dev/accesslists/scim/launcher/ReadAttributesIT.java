package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What reads show beyond the stored attributes, over HTTP against the real stack: a member's
 * display, a user's groups (and filters on them), and sorted lists.
 */
class ReadAttributesIT {
    private static final String ADMINS = "ReadAttr Admins";
    private static final String SALES = "ReadAttr Sales";
    private static final String SALES_TEAM = "ReadAttr Sales Team";
    private static final String SALES_EU = "ReadAttr sales-eu";
    private static final List<String> TITLES = List.of(ADMINS, SALES, SALES_TEAM, SALES_EU);

    private static TestStack env;

    @BeforeAll
    static void startStack() {
        env = TestStack.get();
        List<AccessList> lists = new ArrayList<>();
        for (String title : TITLES) {
            lists.add(new AccessList(AccessList.KIND, AccessList.VERSION,
                    new AccessList.Metadata(title.toLowerCase(Locale.ROOT).replace(' ', '-'), null, null),
                    new AccessList.Spec(title, null, AccessList.TYPE_SCIM,
                            new AccessList.Grants(List.of("reader"), java.util.Map.of()), null, null, null, null)));
        }
        env.stack.apply(lists);
    }

    @Test
    void shouldShowMemberDisplayAndTheUsersGroups() {
        ScimClient idp = env.newDirectoryClient("read-attributes-groups");
        String alice = user(idp, "alice@example.com", "Alice Smith", null);
        String bob = user(idp, "bob@example.com", null, null);
        String carol = user(idp, "carol@example.com", "Carol", null);
        String dave = user(idp, "dave@example.com", null, null);

        // member display: the displayName, else the userName; in the write answer, GET and lists
        ScimClient.Response created = idp.post("/Groups", group(ADMINS, alice, bob));
        assertThat(created.status()).isEqualTo(201);
        String admins = created.body().get("id").asText();
        assertThat(displays(created.body())).containsExactlyInAnyOrder("Alice Smith", "bob@example.com");
        assertThat(displays(idp.get("/Groups/" + admins).body()))
                .containsExactlyInAnyOrder("Alice Smith", "bob@example.com");
        assertThat(displays(idp.get("/Groups?filter=" + ScimClient.form("displayName eq \"" + ADMINS + "\""))
                .body().at("/Resources/0"))).containsExactlyInAnyOrder("Alice Smith", "bob@example.com");
        String sales = idp.post("/Groups", group(SALES, alice, carol)).body().get("id").asText();

        // the user's groups: on GET, in lists and in write answers, left out for a user in none
        JsonNode read = idp.get("/Users/" + alice).body();
        assertThat(groupValues(read)).containsExactlyInAnyOrder(admins, sales);
        for (JsonNode g : read.get("groups")) {
            String id = g.get("value").asText();
            assertThat(g.get("display").asText()).isEqualTo(id.equals(admins) ? ADMINS : SALES);
            assertThat(g.get("$ref").asText()).isEqualTo(idp.baseUrl + "/Groups/" + id);
            assertThat(g.get("type").asText()).isEqualTo("direct");
        }
        assertThat(idp.get("/Users/" + dave).body().has("groups")).isFalse();
        JsonNode list = idp.get("/Users?count=10").body();
        assertThat(list.get("Resources")).hasSize(4);
        for (JsonNode u : list.get("Resources")) {
            String id = u.get("id").asText();
            List<String> expected = id.equals(alice) ? List.of(admins, sales) : id.equals(bob) ? List.of(admins)
                    : id.equals(carol) ? List.of(sales) : List.of();
            assertThat(groupValues(u)).as(id).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(idp.get("/Users/" + alice + "?excludedAttributes=groups").body().has("groups")).isFalse();
        assertThat(idp.get("/Users/" + alice + "?attributes=userName").body().has("groups")).isFalse();
        assertThat(groupValues(idp.get("/Users/" + alice + "?attributes=groups").body())).hasSize(2);
        ScimClient.Response patched = idp.patch("/Users/" + bob, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"displayName","value":"Bob Jones"}]}""");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(groupValues(patched.body())).containsExactly(admins);
        ScimClient.Response put = idp.put("/Users/" + carol, "{\"userName\":\"carol@example.com\",\"displayName\":\"Carol\"}");
        assertThat(groupValues(put.body())).containsExactly(sales);
        assertThat(displays(idp.get("/Groups/" + admins).body())).containsExactlyInAnyOrder("Alice Smith", "Bob Jones");

        // filters on the groups
        assertThat(userIds(idp, "groups[value eq \"" + admins + "\"]")).containsExactlyInAnyOrder(alice, bob);
        assertThat(userIds(idp, "groups.value eq \"" + sales + "\"")).containsExactlyInAnyOrder(alice, carol);
        assertThat(userIds(idp, "groups.display eq \"" + SALES + "\"")).containsExactlyInAnyOrder(alice, carol);
        assertThat(userIds(idp, "groups.display eq \"" + ADMINS.toUpperCase(Locale.ROOT) + "\" and userName eq \"bob@example.com\""))
                .containsExactly(bob);
        assertThat(userIds(idp, "groups.value eq \"" + admins + "\" or userName eq \"dave@example.com\""))
                .containsExactlyInAnyOrder(alice, bob, dave);
        assertThat(userIds(idp, "groups.value eq \"no-such-group\"")).isEmpty();

        // a member removed leaves the user's groups
        idp.patch("/Groups/" + admins, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + bob
                + "\\\"]\"}]}");
        assertThat(idp.get("/Users/" + bob).body().has("groups")).isFalse();
    }

    @Test
    void shouldSortByEachAttributeInBothOrdersAndPageAfterSorting() {
        ScimClient idp = env.newDirectoryClient("read-attributes-sorting");
        String[][] users = {{"mike", "Zed", "b1"}, {"Alice", null, "B2"}, {"zoe", "anna", null},
                {"bob", "Carl", "a3"}, {"Carol", null, null}};
        List<String> ids = new ArrayList<>();
        for (String[] u : users) {
            ids.add(user(idp, u[0], u[1], u[2]));
        }
        // meta.lastModified no longer follows creation
        idp.patch("/Users/" + ids.get(0), "{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}");
        idp.patch("/Users/" + ids.get(3), "{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"y\"}]}");

        JsonNode all = idp.get("/Users?count=100").body().get("Resources");
        List<String> byId = new ArrayList<>();
        all.forEach(u -> byId.add(u.get("id").asText()));
        assertThat(byId).as("without sortBy: the stable default order").isSorted().hasSize(users.length);
        for (String attribute : List.of("userName", "displayName", "externalId", "meta.created", "meta.lastModified")) {
            for (String order : List.of("ascending", "descending")) {
                List<String> expected = expected(all, attribute, order.equals("descending"));
                assertThat(walk(idp, "/Users", "sortBy=" + attribute + "&sortOrder=" + order))
                        .as("%s %s", attribute, order).isEqualTo(expected);
            }
        }
        // names in any case, URN-qualified; ascending is the default; a filter applies first
        assertThat(walk(idp, "/Users", "sortBy=" + ScimClient.form("urn:ietf:params:scim:schemas:core:2.0:User:USERNAME")))
                .isEqualTo(expected(all, "userName", false));
        List<String> filtered = new ArrayList<>(expected(all, "displayName", true));
        filtered.remove(ids.get(2));
        assertThat(walk(idp, "/Users", "sortBy=displayName&sortOrder=descending&filter="
                + ScimClient.form("userName ne \"zoe\""))).isEqualTo(filtered);

        // groups, by displayName along its index and by the other attributes in memory
        for (String title : List.of(SALES_TEAM, ADMINS, SALES_EU, SALES)) {
            assertThat(idp.post("/Groups", "{\"displayName\":\"" + title + "\",\"externalId\":\"" + title.length()
                    + "\"}").status()).isEqualTo(201);
        }
        JsonNode groups = idp.get("/Groups?count=100&excludedAttributes=members").body().get("Resources");
        List<String> names = new ArrayList<>();
        for (String id : walk(idp, "/Groups", "sortBy=displayName")) {
            groups.forEach(g -> {
                if (g.get("id").asText().equals(id)) {
                    names.add(g.get("displayName").asText());
                }
            });
        }
        assertThat(names).containsExactly(ADMINS, SALES, SALES_TEAM, SALES_EU);
        for (String attribute : List.of("displayName", "externalId", "meta.created", "meta.lastModified")) {
            for (String order : List.of("ascending", "descending")) {
                assertThat(walk(idp, "/Groups", "excludedAttributes=members&sortBy=" + attribute + "&sortOrder=" + order))
                        .as("groups %s %s", attribute, order)
                        .isEqualTo(expected(groups, attribute, order.equals("descending")));
            }
        }

        // what cannot be sorted by, or in, is refused
        for (String query : List.of("/Users?sortBy=userName&sortOrder=sideways", "/Groups?sortOrder=up",
                "/Users?sortBy=name.familyName", "/Groups?sortBy=userName")) {
            ScimClient.Response refused = idp.get(query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.body().get("scimType").asText()).as(query).isEqualTo("invalidValue");
        }
    }

    /** The ids of every page of 2, walked from the first as a client does. */
    private static List<String> walk(ScimClient idp, String path, String query) {
        List<String> ids = new ArrayList<>();
        for (int start = 1; ; start += 2) {
            ScimClient.Response page = idp.get(path + "?" + query + "&startIndex=" + start + "&count=2");
            assertThat(page.status()).as(query).isEqualTo(200);
            page.body().get("Resources").forEach(r -> ids.add(r.get("id").asText()));
            if (start + 2 > page.body().get("totalResults").asInt()) {
                return ids;
            }
        }
    }

    /**
     * The order RFC 7644 §3.4.2.3 asks for, from the resources' own values: strings ignoring case
     * (externalId case-exact), missing values last, ties by id; descending reverses it all.
     */
    private static List<String> expected(JsonNode resources, String attribute, boolean descending) {
        Function<JsonNode, Comparable<?>> value = r -> {
            JsonNode v = attribute.startsWith("meta.") ? r.path("meta").path(attribute.substring(5))
                    : r.path(attribute);
            if (v.isMissingNode() || v.isNull()) {
                return null;
            }
            return attribute.startsWith("meta.") ? Instant.parse(v.asText())
                    : attribute.equals("externalId") ? v.asText() : v.asText().toLowerCase(Locale.ROOT);
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<JsonNode> order = Comparator.comparing(r -> (Comparable) value.apply(r),
                Comparator.nullsLast(Comparator.naturalOrder()));
        order = order.thenComparing(r -> r.get("id").asText());
        List<JsonNode> sorted = new ArrayList<>();
        resources.forEach(sorted::add);
        sorted.sort(descending ? order.reversed() : order);
        return sorted.stream().map(r -> r.get("id").asText()).toList();
    }

    private static String user(ScimClient idp, String userName, String displayName, String externalId) {
        StringBuilder json = new StringBuilder("{\"userName\":\"" + userName + "\",\"active\":true");
        if (displayName != null) {
            json.append(",\"displayName\":\"").append(displayName).append('"');
        }
        if (externalId != null) {
            json.append(",\"externalId\":\"").append(externalId).append('"');
        }
        ScimClient.Response created = idp.post("/Users", json.append('}').toString());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().has("groups")).isFalse();
        return created.body().get("id").asText();
    }

    private static String group(String displayName, String... members) {
        StringBuilder json = new StringBuilder("{\"displayName\":\"" + displayName + "\",\"members\":[");
        for (int i = 0; i < members.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"value\":\"").append(members[i]).append("\"}");
        }
        return json.append("]}").toString();
    }

    private static List<String> displays(JsonNode group) {
        List<String> displays = new ArrayList<>();
        group.get("members").forEach(m -> displays.add(m.get("display").asText()));
        return displays;
    }

    private static List<String> groupValues(JsonNode user) {
        List<String> values = new ArrayList<>();
        user.path("groups").forEach(g -> values.add(g.get("value").asText()));
        return values;
    }

    private static List<String> userIds(ScimClient idp, String filter) {
        ScimClient.Response found = idp.get("/Users?filter=" + ScimClient.form(filter));
        assertThat(found.status()).as(filter).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        found.body().get("Resources").forEach(u -> ids.add(u.get("id").asText()));
        return ids;
    }
}
