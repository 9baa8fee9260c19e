package io.berth.storage.registry;

import io.berth.storage.content.Digest;
import java.util.List;

/**
 * An OCI content descriptor (image-spec descriptor.md; Docker's manifest v2 schema 2 uses the same shape).
 *
 * @param mediaType the referenced content's media type
 * @param digest the referenced content's digest
 * @param size its size in bytes (never negative)
 * @param platform the platform of a manifest in an index, or {@code null}
 * @param urls foreign-layer URLs (non-empty only for Docker's foreign / OCI non-distributable layers)
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform, List<String> urls) {
    /** Copies the list. */
    public Descriptor {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }
}
