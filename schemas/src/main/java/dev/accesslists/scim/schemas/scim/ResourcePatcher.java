package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.command.PatchOperation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies RFC 7644 §3.5.2 PATCH operations to the JSON of a resource (its attributes, without
 * {@code id} and {@code meta}), accepting the dialects of real identity providers:
 *
 * <ul>
 *   <li>path-less add / replace whose value keys are paths themselves: dotted
 *       ({@code name.givenName}), URN-qualified ({@code urn:...:enterprise:2.0:User:employeeNumber})
 *       or an extension URN holding an object (Entra ID); {@code id}, {@code meta} and
 *       {@code schemas} keys are skipped, since Okta re-sends {@code id};</li>
 *   <li>booleans sent as strings ({@code "False"}) for boolean attributes;</li>
 *   <li>a bare id as the value of a reference such as the enterprise {@code manager};</li>
 *   <li>add through a value filter that matches nothing creates the value (Entra ID);</li>
 *   <li>remove with a value on a multi-valued attribute removes only those values.</li>
 * </ul>
 *
 * Attribute names match ignoring case; an existing key keeps its spelling and a new one takes the
 * catalog's. Application is all or nothing: the input is never modified, and any error is thrown as
 * a {@link ScimException} naming the failing operation. The class holds no mutable state.
 */
public final class ResourcePatcher {
    private final AttributeCatalog catalog;
    private final MultiValuedPatch multiValued;

    public ResourcePatcher(AttributeCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.multiValued = new MultiValuedPatch(catalog);
    }

    /**
     * Applies the operations in order to a copy of the resource.
     *
     * @return the patched copy; equal to the input when the operations change nothing
     * @throws ScimException on the first operation that fails, or when a required attribute ends up
     *     missing; the input is untouched either way
     */
    public ObjectNode apply(ObjectNode resource, List<PatchOperation> operations) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(operations, "operations");
        ObjectNode result = resource.deepCopy();
        for (int i = 0; i < operations.size(); i++) {
            PatchOperation operation = operations.get(i);
            if (operation == null) {
                throw ScimException.invalidSyntax("PATCH operation " + (i + 1) + " is null");
            }
            try {
                apply(result, operation);
            } catch (ScimException e) {
                throw inOperation(e, i, operation);
            }
        }
        ExtensionSchemas.reconcile(resource, result);
        requireStrings(result);
        return result;
    }

    private void apply(ObjectNode root, PatchOperation operation) {
        String op = operation.op();
        JsonNode value = operation.value();
        if (operation.path() == null || operation.path().isBlank()) {
            if (op.equals("remove")) {
                throw ScimException.noTarget("remove needs a path (RFC 7644 §3.5.2.2)");
            }
            pathless(root, op, value);
            return;
        }
        PatchPath target = PatchPath.parse(operation.path());
        AttrPath path = target.path();
        if (path.isSchema() && ScimUrns.isCore(path.attribute())) {
            if (op.equals("remove")) {
                throw ScimException.invalidPath("a remove cannot target the whole resource");
            }
            pathless(root, op, value);
            return;
        }
        if (path.schemaUrn() == null && catalog.isReadOnly(path.attribute())) {
            throw ScimException.mutability("'" + path.attribute() + "' cannot be modified");
        }
        if (op.equals("remove")) {
            remove(root, target, value);
            return;
        }
        if (value == null || value.isMissingNode() || (op.equals("add") && value.isNull())) {
            throw ScimException.invalidValue(op + " needs a value");
        }
        write(root, op, target, value);
    }

    /** RFC 7644 §3.5.2.1 / §3.5.2.3 without a path: every key of the value is a target. */
    private void pathless(ObjectNode root, String op, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw ScimException.invalidValue(op + " without a path needs an object value");
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String key = field.getKey();
            if (ScimUrns.isSchemaUrn(key)) {
                if (ScimUrns.isCore(key)) {
                    pathless(root, op, field.getValue());
                } else {
                    writeSchema(root, op, ScimUrns.canonical(key), field.getValue());
                }
                continue;
            }
            AttrPath path = AttrPath.parse(key);
            if (path.schemaUrn() == null && catalog.isReadOnly(path.attribute())) {
                continue;
            }
            write(root, op, new PatchPath(path, null), field.getValue());
        }
    }

    /** An extension given whole: each of its keys is an attribute of that extension. */
    private void writeSchema(ObjectNode root, String op, String urn, JsonNode value) {
        if (value.isNull()) {
            if (op.equals("replace")) {
                JsonNodes.remove(root, urn);
            }
            return;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("the value of '" + urn + "' must be an object");
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            AttrPath local = AttrPath.parse(field.getKey());
            if (local.schemaUrn() != null || local.isSchema()) {
                throw ScimException.invalidPath("'" + field.getKey() + "' is not an attribute of " + urn);
            }
            write(root, op, new PatchPath(new AttrPath(urn, local.attribute(), local.subAttribute()), null),
                    field.getValue());
        }
    }

    /** Add or replace at a path. A null value unassigns (RFC 7643 §2.5). */
    private void write(ObjectNode root, String op, PatchPath target, JsonNode value) {
        AttrPath path = target.path();
        if (path.isSchema()) {
            writeSchema(root, op, path.attribute(), value);
            return;
        }
        if (value.isNull()) {
            if (op.equals("replace")) {
                remove(root, target, null);
            }
            return;
        }
        ObjectNode container = container(root, path, true);
        String key = keyFor(catalog, container, path.attribute());
        if (target.valueFilter() != null) {
            if (op.equals("add")) {
                multiValued.addFiltered(container, key, target, value);
            } else {
                multiValued.replaceFiltered(container, key, target, value);
            }
        } else if (path.subAttribute() != null) {
            writeSubAttribute(container, key, path.subAttribute(), value);
        } else if (isMultiValued(key, container.get(key), value)) {
            if (op.equals("add")) {
                multiValued.append(container, key, value);
            } else {
                multiValued.replaceAll(container, key, value);
            }
        } else {
            writeSingular(container, key, value);
        }
    }

    /**
     * A singular attribute: a reference is replaced whole, a complex attribute gets the given
     * sub-attributes and keeps the others (RFC 7644 §3.5.2.1, §3.5.2.3), a simple one is set.
     */
    private void writeSingular(ObjectNode container, String key, JsonNode value) {
        JsonNode existing = container.get(key);
        if (catalog.isReference(key)) {
            JsonNode reference = catalog.reference(key, value);
            if (JsonNodes.isPresent(JsonNodes.get(reference, "value"))) {
                container.set(key, reference);
            } else {
                container.remove(key);
            }
        } else if (catalog.isSimple(key)) {
            if (value.isContainerNode()) {
                throw ScimException.invalidValue("'" + key + "' takes a single simple value, not "
                        + AttributeCatalog.abbreviate(value.toString()));
            }
            container.set(key, catalog.normalise(key, value));
        } else if (value.isObject() && (existing == null || existing.isNull() || existing.isObject())) {
            ObjectNode target = existing != null && existing.isObject() ? (ObjectNode) existing : container.putObject(key);
            merge(catalog, target, value);
        } else if (catalog.isComplex(key)) {
            throw ScimException.invalidValue("'" + key + "' is a complex attribute; its value must be an object");
        } else {
            container.set(key, catalog.normalise(key, value));
        }
    }

    /** {@code name.givenName}; on a multi-valued attribute without a filter, every value's sub-attribute. */
    private void writeSubAttribute(ObjectNode container, String key, String sub, JsonNode value) {
        JsonNode existing = container.get(key);
        boolean primitive = existing != null && existing.isValueNode() && !existing.isNull();
        if (catalog.isSimple(key) || (primitive && !catalog.isReference(key) && !catalog.isKnown(key))) {
            throw ScimException.invalidPath("'" + key + "' has no sub-attributes");
        }
        if ((existing != null && existing.isArray()) || ((existing == null || existing.isNull())
                && catalog.isMultiValued(key))) {
            ArrayNode array = existing != null && existing.isArray() ? (ArrayNode) existing : container.putArray(key);
            if (array.isEmpty()) {
                array.addObject();
            }
            for (JsonNode element : array) {
                if (element.isObject()) {
                    ((ObjectNode) element).set(keyFor(catalog, element, sub), catalog.normalise(sub, value));
                }
            }
            return;
        }
        ObjectNode object;
        if (existing != null && existing.isObject()) {
            object = (ObjectNode) existing;
        } else if (primitive && catalog.isReference(key)) {
            object = (ObjectNode) catalog.reference(key, existing);
            container.set(key, object);
        } else {
            object = container.putObject(key);
        }
        object.set(keyFor(catalog, object, sub), catalog.normalise(sub, value));
    }

    /** RFC 7644 §3.5.2.2. Removing what is not there succeeds and changes nothing. */
    private void remove(ObjectNode root, PatchPath target, JsonNode value) {
        AttrPath path = target.path();
        if (path.isSchema()) {
            JsonNodes.remove(root, path.attribute());
            return;
        }
        ObjectNode container = container(root, path, false);
        String key = container == null ? null : JsonNodes.key(container, path.attribute());
        if (key == null) {
            return;
        }
        JsonNode existing = container.get(key);
        if (target.valueFilter() != null) {
            multiValued.removeFiltered(container, key, target);
        } else if (path.subAttribute() == null && value != null && !value.isNull() && existing.isArray()) {
            multiValued.removeValues(container, key, value);
        } else if (path.subAttribute() == null) {
            container.remove(key);
        } else if (existing.isObject()) {
            JsonNodes.remove((ObjectNode) existing, path.subAttribute());
            if (existing.isEmpty()) {
                container.remove(key);
            }
        } else if (existing.isArray()) {
            existing.forEach(element -> {
                if (element.isObject()) {
                    JsonNodes.remove((ObjectNode) element, path.subAttribute());
                }
            });
        }
    }

    private boolean isMultiValued(String key, JsonNode existing, JsonNode value) {
        if (catalog.isKnown(key)) {
            return catalog.isMultiValued(key);
        }
        return (existing != null && existing.isArray()) || ((existing == null || existing.isNull()) && value.isArray());
    }

    /**
     * The object holding the path's attribute: the resource for a core attribute, else the
     * extension object under its URN, created on demand ({@link ExtensionSchemas} lists it in
     * {@code schemas} at the end).
     */
    private static ObjectNode container(ObjectNode root, AttrPath path, boolean create) {
        if (path.schemaUrn() == null) {
            return root;
        }
        String key = JsonNodes.key(root, path.schemaUrn());
        JsonNode existing = key == null ? null : root.get(key);
        if (existing != null && existing.isObject()) {
            return (ObjectNode) existing;
        }
        if (!create) {
            return null;
        }
        return root.putObject(key == null ? path.schemaUrn() : key);
    }

    /** Sets each sub-attribute of {@code value} in {@code target}; a null one unassigns it. */
    static void merge(AttributeCatalog catalog, ObjectNode target, JsonNode value) {
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String key = keyFor(catalog, target, field.getKey());
            if (field.getValue().isNull()) {
                target.remove(key);
            } else {
                target.set(key, catalog.normalise(key, field.getValue()));
            }
        }
    }

    /** The existing spelling of a member name, else the catalog's. */
    static String keyFor(AttributeCatalog catalog, JsonNode object, String name) {
        String existing = JsonNodes.key(object, name);
        return existing != null ? existing : catalog.canonical(name);
    }

    private void requireStrings(ObjectNode result) {
        for (String name : catalog.requiredStrings()) {
            JsonNode value = JsonNodes.get(result, name);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw ScimException.invalidValue(name + " is required and must be a non-empty string");
            }
        }
    }

    private static ScimException inOperation(ScimException e, int index, PatchOperation operation) {
        String path = operation.path() == null ? "" : " " + AttributeCatalog.abbreviate(operation.path());
        String detail = "operation " + (index + 1) + " (" + operation.op() + path + "): " + e.error().detail();
        return new ScimException(new ScimError(e.status(), e.scimType(), detail));
    }

}
