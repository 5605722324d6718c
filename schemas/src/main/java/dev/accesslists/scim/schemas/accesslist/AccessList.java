package dev.accesslists.scim.schemas.accesslist;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Access List in Teleport's resource shape ({@code kind: access_list}, {@code version: v1}).
 * Only lists whose {@code spec.type} is {@value #TYPE_SCIM} may be managed through SCIM.
 */
public record AccessList(String kind, String version, Metadata metadata, Spec spec) {
    public static final String KIND = "access_list";
    public static final String VERSION = "v1";
    public static final String TYPE_SCIM = "scim";

    public AccessList {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @JsonIgnore
    public String name() {
        return metadata.name();
    }

    @JsonIgnore
    public boolean scimManaged() {
        return TYPE_SCIM.equals(spec.type());
    }

    public record Metadata(String name, String description, Map<String, String> labels) {
    }

    public record Spec(String title, String description, String type, Grants grants, List<Owner> owners,
                       @JsonProperty("membership_requires") Requires membershipRequires,
                       @JsonProperty("ownership_requires") Requires ownershipRequires,
                       Audit audit) {
    }

    /** What membership grants: roles and traits. */
    public record Grants(List<String> roles, Map<String, List<String>> traits) {
        public static Grants none() {
            return new Grants(List.of(), Map.of());
        }
    }

    public record Owner(String name, String description) {
    }

    public record Requires(List<String> roles, Map<String, List<String>> traits) {
    }

    public record Audit(Recurrence recurrence, @JsonProperty("next_audit_date") String nextAuditDate,
                        Map<String, Object> notifications) {
    }

    /** How often the list is reviewed: every {@code frequency} months, on {@code day_of_month}. */
    public record Recurrence(Integer frequency, @JsonProperty("day_of_month") Integer dayOfMonth) {
    }
}
