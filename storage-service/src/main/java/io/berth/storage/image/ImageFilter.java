package io.berth.storage.image;

import io.berth.common.errors.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Docker's image list filters (Docker Engine API v1.41 GET /images/json, dockerd 20.10
 * daemon/images/images.go): {@code reference} (glob on the familiar reference or name; values ORed; only
 * matching tags are shown), {@code dangling} (true: only untagged images, false: only tagged),
 * {@code label} ({@code key} or {@code key=value}; all must match), {@code before} and {@code since}
 * (images created before/after the named image).
 */
final class ImageFilter {
    private static final Set<String> KEYS = Set.of("reference", "dangling", "label", "before", "since");

    private final Map<String, List<String>> filters;
    private final Instant before;
    private final Instant since;

    /**
     * @param filters filter key → accepted values
     * @param createdOf looks up the creation time of the image a before/since value names
     * @throws InvalidArgumentException for an unknown key or a malformed value
     */
    ImageFilter(Map<String, List<String>> filters, Function<String, Instant> createdOf) {
        for (String k : filters.keySet()) {
            if (!KEYS.contains(k)) {
                throw new InvalidArgumentException("invalid filter '" + k + "'");
            }
        }
        this.filters = filters;
        this.before = bound("before", createdOf);
        this.since = bound("since", createdOf);
        for (String v : values("dangling")) {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false") && !v.equals("1") && !v.equals("0")) {
                throw new InvalidArgumentException("invalid filter 'dangling=" + v + "'");
            }
        }
    }

    /**
     * @param image an image
     * @return the image as the list shows it (tags narrowed by a reference filter), or {@code null} if the
     *     filters exclude it
     */
    ImageInfo apply(ImageInfo image) {
        List<String> tags = image.repoTags();
        if (filters.containsKey("dangling")) {
            boolean dangling = values("dangling").stream().anyMatch(v -> v.equalsIgnoreCase("true") || v.equals("1"));
            if (dangling != tags.isEmpty()) {
                return null;
            }
        }
        if (!labelsMatch(image.labels())) {
            return null;
        }
        if (before != null && (image.created() == null || !image.created().isBefore(before))) {
            return null;
        }
        if (since != null && (image.created() == null || !image.created().isAfter(since))) {
            return null;
        }
        if (filters.containsKey("reference")) {
            List<String> kept = new ArrayList<>();
            for (String t : tags) {
                if (referenceMatches(t)) {
                    kept.add(t);
                }
            }
            if (kept.isEmpty()) {
                return null;
            }
            return image.withRepoTags(kept);
        }
        return image;
    }

    private boolean referenceMatches(String tag) {
        Reference ref = Reference.parse(tag);
        for (String pattern : values("reference")) {
            if (Glob.matches(pattern, ref.familiarString()) || Glob.matches(pattern, ref.familiarName())) {
                return true;
            }
        }
        return false;
    }

    private boolean labelsMatch(Map<String, String> labels) {
        for (String f : values("label")) {
            if (!matchesLabel(f, labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param filter {@code key} or {@code key=value}
     * @param labels an image's labels
     * @return true if the image has the key (with that value)
     */
    static boolean matchesLabel(String filter, Map<String, String> labels) {
        int eq = filter.indexOf('=');
        return eq < 0 ? labels.containsKey(filter) : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    private Instant bound(String key, Function<String, Instant> createdOf) {
        Instant result = null;
        for (String ref : values(key)) {
            Instant t = createdOf.apply(ref);
            if (t != null && (result == null || (key.equals("before") ? t.isBefore(result) : t.isAfter(result)))) {
                result = t;
            }
        }
        return result;
    }

    private List<String> values(String key) {
        return filters.getOrDefault(key, List.of());
    }
}
