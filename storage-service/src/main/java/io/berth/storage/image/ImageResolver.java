package io.berth.storage.image;

import io.berth.common.errors.NotFoundException;
import io.berth.storage.content.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves what users type to one image, the way dockerd 20.10 does (daemon/images/image.go GetImage):
 * a bare 64-hex ID or {@code sha256:<hex>} is an image ID; otherwise the text is parsed as a reference
 * and looked up as a tag ({@code busybox} = {@code busybox:latest} = {@code docker.io/library/busybox:latest});
 * failing that, it is taken as a unique prefix of an image ID ({@code eb6c9ccc}, {@code sha256:eb6c}).
 */
final class ImageResolver {
    private static final Pattern HEX_PREFIX = Pattern.compile("[a-f0-9]+");

    private ImageResolver() {
    }

    /**
     * @param index the image index
     * @param text a reference, ID or ID prefix
     * @return the image
     * @throws NotFoundException "No such image: &lt;ref&gt;" (the reference in familiar form with its default
     *     tag, as dockerd prints it)
     * @throws io.berth.common.errors.InvalidArgumentException if the text is not a valid reference
     */
    static ImageRecord resolve(ImageIndex index, String text) {
        if (Digest.isHex64(text) || Digest.isDigest(text)) {
            Digest id = Digest.isHex64(text) ? new Digest(text) : Digest.parse(text);
            return index.image(id).orElseThrow(() -> notFound(id.toString()));
        }
        Reference ref = Reference.parse(text);
        String tagged = ref.withDefaultTag().familiarString();
        if (ref.digest() == null) {
            var byTag = index.tag(tagged).flatMap(index::image);
            if (byTag.isPresent()) {
                return byTag.get();
            }
        } else {
            var byDigest = index.digest(ref.familiarName() + "@" + ref.digest()).flatMap(index::image);
            if (byDigest.isPresent()) {
                return byDigest.get();
            }
        }
        String prefix = text.startsWith(Digest.SHA256 + ":") ? text.substring(7) : text;
        if (HEX_PREFIX.matcher(prefix).matches()) {
            List<ImageRecord> hits = new ArrayList<>();
            for (ImageRecord r : index.images()) {
                if (r.id().hex().startsWith(prefix)) {
                    hits.add(r);
                }
            }
            if (hits.size() == 1) {
                return hits.get(0);
            }
        }
        throw notFound(tagged);
    }

    /**
     * @param id an image ID
     * @param text what the user typed
     * @return true if {@code text} names the image by (a prefix of) its ID rather than by a tag
     *     (moby's isImageIDPrefix)
     */
    static boolean isIdPrefix(Digest id, String text) {
        return id.toString().startsWith(text) || id.hex().startsWith(text);
    }

    static NotFoundException notFound(String ref) {
        return new NotFoundException("No such image: " + ref);
    }
}
