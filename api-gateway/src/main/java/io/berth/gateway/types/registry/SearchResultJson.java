package io.berth.gateway.types.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.berth.proto.storage.v1.SearchResult;

/**
 * One entry of GET /images/search (API 1.41 {@code registry.SearchResult}, Go's field order).
 *
 * @param starCount star_count
 * @param official is_official
 * @param name the repository
 * @param automated is_automated
 * @param description its description
 */
@JsonPropertyOrder({"star_count", "is_official", "name", "is_automated", "description"})
public record SearchResultJson(@JsonProperty("star_count") int starCount, @JsonProperty("is_official") boolean official,
                               @JsonProperty("name") String name, @JsonProperty("is_automated") boolean automated,
                               @JsonProperty("description") String description) {
    /**
     * @param r storage's result
     * @return the API record
     */
    public static SearchResultJson of(SearchResult r) {
        return new SearchResultJson(r.getStarCount(), r.getIsOfficial(), r.getName(), r.getIsAutomated(), r.getDescription());
    }
}
