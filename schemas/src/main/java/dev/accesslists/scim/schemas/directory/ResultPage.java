package dev.accesslists.scim.schemas.directory;

import java.util.List;

/**
 * One page of a filtered listing.
 *
 * @param totalResults how many resources matched the filter in all
 * @param resources the page, in a stable order
 */
public record ResultPage<T>(int totalResults, List<T> resources) {
    public ResultPage {
        resources = List.copyOf(resources);
    }
}
