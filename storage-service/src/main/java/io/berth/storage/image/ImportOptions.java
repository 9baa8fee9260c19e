package io.berth.storage.image;

import java.util.List;

/**
 * What {@code docker import} asks for (Docker Engine API 1.41 POST /images/create?fromSrc=...).
 *
 * @param repo "name[:tag]" to tag the image with, or empty for an untagged image
 * @param tag the tag when {@code repo} has none (empty: "latest")
 * @param message the config's comment (empty: "Imported from &lt;source&gt;")
 * @param changes Dockerfile instructions for the config ({@link ConfigChanges})
 * @param platform "os[/arch[/variant]]", or empty for the host's
 * @param source "-" for the request body, or the URL the tar came from
 */
public record ImportOptions(String repo, String tag, String message, List<String> changes, String platform,
                            String source) {
    /** Copies the list. */
    public ImportOptions {
        changes = List.copyOf(changes);
    }
}
