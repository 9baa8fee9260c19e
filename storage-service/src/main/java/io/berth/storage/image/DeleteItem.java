package io.berth.storage.image;

/**
 * One item of Docker's image delete answer (Docker Engine API v1.41 DELETE /images/{name}):
 * exactly one of the fields is set.
 *
 * @param untagged a familiar reference that was removed, or {@code null}
 * @param deleted an image ID or layer chain ID that was deleted, or {@code null}
 */
public record DeleteItem(String untagged, String deleted) {
    /** @return {"Untagged": ref} */
    public static DeleteItem untagged(String ref) {
        return new DeleteItem(ref, null);
    }

    /** @return {"Deleted": id} */
    public static DeleteItem deleted(String id) {
        return new DeleteItem(null, id);
    }
}
