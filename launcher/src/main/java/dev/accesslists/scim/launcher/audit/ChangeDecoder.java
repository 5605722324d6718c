package dev.accesslists.scim.launcher.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.MembershipChange;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads a membership change from its JSON with a streaming parser, taking only what a fold
 * needs; the list's grants only when asked. The time is the record's timestamp, which the writer
 * sets to the causing request's time ({@code cause.timestamp}, in milliseconds), so no date is
 * parsed. An order of magnitude cheaper than binding the whole document, which is what lets a
 * replay keep up with reading the log.
 */
final class ChangeDecoder {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private ChangeDecoder() {
    }

    /** The change, or null when the record is not one this version can read. */
    static MembershipChange decode(byte[] value, long timestampMillis, boolean withGrants) {
        if (value == null) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String name = null;
            String title = null;
            String type = null;
            AccessList.Grants grants = null;
            String userId = null;
            String userName = null;
            String change = null;
            String groupId = null;
            String previousUserName = null;
            String requestId = null;
            String integrationId = null;
            String directoryId = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "accessList" -> {
                        if (token != JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            continue;
                        }
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = parser.currentName();
                            JsonToken innerToken = parser.nextToken();
                            switch (inner) {
                                case "name" -> name = text(parser, innerToken);
                                case "title" -> title = text(parser, innerToken);
                                case "type" -> type = text(parser, innerToken);
                                case "grants" -> {
                                    if (withGrants && innerToken == JsonToken.START_OBJECT) {
                                        grants = Json.mapper().readValue(parser, AccessList.Grants.class);
                                    } else {
                                        parser.skipChildren();
                                    }
                                }
                                default -> parser.skipChildren();
                            }
                        }
                    }
                    case "cause" -> {
                        if (token != JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            continue;
                        }
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = parser.currentName();
                            JsonToken innerToken = parser.nextToken();
                            switch (inner) {
                                case "requestId" -> requestId = text(parser, innerToken);
                                case "integrationId" -> integrationId = text(parser, innerToken);
                                case "directoryId" -> directoryId = text(parser, innerToken);
                                default -> parser.skipChildren();
                            }
                        }
                    }
                    case "userId" -> userId = text(parser, token);
                    case "userName" -> userName = text(parser, token);
                    case "change" -> change = text(parser, token);
                    case "groupId" -> groupId = text(parser, token);
                    case "previousUserName" -> previousUserName = text(parser, token);
                    default -> parser.skipChildren();
                }
            }
            if (title == null || userId == null || change == null || requestId == null) {
                return null;
            }
            MembershipChange.ChangeKind kind;
            try {
                kind = MembershipChange.ChangeKind.valueOf(change);
            } catch (IllegalArgumentException unknown) {
                // a kind added after this version: skipped, as the contract asks of consumers
                return null;
            }
            return new MembershipChange(new MembershipChange.ListRef(name, title, type,
                    withGrants && grants == null ? AccessList.Grants.none() : grants), userId, userName, kind, groupId,
                    new Cause(requestId, integrationId, directoryId, Instant.ofEpochMilli(timestampMillis)),
                    previousUserName);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }
}
