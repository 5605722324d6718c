package dev.accesslists.scim.schemas.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.command.PatchOperation;
import java.util.List;

/** RFC 7644 §3.5.2 PATCH of a User, with the dialects of Okta and Entra ID; see {@link ResourcePatcher}. */
public final class UserPatcher {
    private static final ResourcePatcher PATCHER = new ResourcePatcher(AttributeCatalog.USER);

    private UserPatcher() {
    }

    /**
     * Applies the operations to a copy of the user's attributes (no {@code id}, no {@code meta}).
     *
     * @return the patched copy; the input is never modified
     * @throws ScimException when any operation fails (nothing is applied then), or when
     *     {@code userName} would no longer be a non-empty string (invalidValue)
     */
    public static ObjectNode apply(ObjectNode user, List<PatchOperation> operations) {
        return PATCHER.apply(user, operations);
    }
}
