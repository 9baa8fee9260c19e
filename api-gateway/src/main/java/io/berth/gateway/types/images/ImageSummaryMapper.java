package io.berth.gateway.types.images;

import io.berth.common.time.DockerTime;
import io.berth.proto.storage.v1.Image;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps storage's {@link Image} to one {@link ImageSummary} of Docker Engine API 1.41 {@code GET /images/json}.
 * An image without tags or digests shows as {@code <none>:<none>} / {@code <none>@<none>}, as dockerd 20.10
 * lists dangling images.
 */
public final class ImageSummaryMapper {
    private ImageSummaryMapper() {
    }

    /**
     * @param image the stored image
     * @return the summary
     */
    public static ImageSummary of(Image image) {
        var config = ImageInspectMapper.imageConfig(image).config();
        boolean dangling = image.getRepoTagsCount() == 0 && image.getRepoDigestsCount() == 0;
        List<String> digests = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        if (dangling) {
            digests.add("<none>@<none>");
            tags.add("<none>:<none>");
        }
        digests.addAll(image.getRepoDigestsList());
        tags.addAll(image.getRepoTagsList());
        return new ImageSummary(-1, DockerTime.unixSeconds(image.getCreated()), image.getId(),
                config == null ? null : config.labels(), image.getParent(), digests, tags,
                image.hasSharedSizeBytes() ? image.getSharedSizeBytes() : -1,
                image.getSizeBytes(),
                image.getSizeBytes());
    }
}
