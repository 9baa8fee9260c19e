package io.berth.storage.registry;

/**
 * One line of Docker's JSON progress stream (pkg/jsonmessage.JSONMessage) as pull and push produce it; the
 * gateway writes it as {@code {"status":..,"progressDetail":{"current":..,"total":..},"id":..}}.
 *
 * @param id the layer's short ID or the tag; empty for image-wide lines ({@code Digest: ...})
 * @param status e.g. {@code Downloading}
 * @param detail true if the line carries a progressDetail object ({@code {}} when current and total are 0)
 * @param current bytes done
 * @param total bytes in all (0 if unknown)
 * @param auxTag push's aux Tag (null on every other line)
 * @param auxDigest push's aux Digest
 * @param auxSize push's aux Size, bytes
 */
public record ProgressLine(String id, String status, boolean detail, long current, long total, String auxTag,
                           String auxDigest, long auxSize) {
    /**
     * @param id the layer's short ID or the tag, or empty
     * @param status the status text
     * @return a line without progressDetail
     */
    public static ProgressLine of(String id, String status) {
        return new ProgressLine(id, status, false, 0, 0, null, null, 0);
    }

    /**
     * @param id the layer's short ID
     * @param status the status text
     * @param current bytes done
     * @param total bytes in all
     * @return a line with progressDetail
     */
    public static ProgressLine progress(String id, String status, long current, long total) {
        return new ProgressLine(id, status, true, current, total, null, null, 0);
    }

    /**
     * @param id the layer's short ID
     * @param status the status text
     * @return a line with an empty progressDetail ({@code {}}), as dockerd sends "Pull complete"
     */
    public static ProgressLine done(String id, String status) {
        return new ProgressLine(id, status, true, 0, 0, null, null, 0);
    }
}
