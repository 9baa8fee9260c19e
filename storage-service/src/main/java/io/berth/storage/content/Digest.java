package io.berth.storage.content;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.berth.common.errors.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest {@code "sha256:<64 lowercase hex>"} (OCI image-spec descriptor.md#digests). Only sha256
 * is accepted: it names image IDs (digest of the config blob), diff IDs (digest of an uncompressed layer
 * tar), chain IDs and blobs.
 *
 * @param hex the 64 lowercase hex digits of the sha256 sum
 */
public record Digest(String hex) {
    /** The only algorithm berth accepts. */
    public static final String SHA256 = "sha256";

    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    /**
     * @param hex the 64 lowercase hex digits
     * @throws InvalidArgumentException if {@code hex} is not 64 lowercase hex digits
     */
    public Digest {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new InvalidArgumentException("invalid digest hex \"" + hex + "\": want 64 lowercase hex digits");
        }
    }

    /**
     * Parses {@code "sha256:<64 hex>"}.
     *
     * @param text the digest text
     * @return the digest
     * @throws InvalidArgumentException if the text is not a sha256 digest
     */
    @JsonCreator
    public static Digest parse(String text) {
        if (text == null || !text.startsWith(SHA256 + ":") || !HEX64.matcher(text.substring(7)).matches()) {
            throw new InvalidArgumentException("invalid digest \"" + text + "\": want sha256:<64 hex digits>");
        }
        return new Digest(text.substring(7));
    }

    /** @return true if {@code text} is a well-formed {@code "sha256:<64 hex>"} */
    public static boolean isDigest(String text) {
        return text != null && text.startsWith(SHA256 + ":") && HEX64.matcher(text.substring(7)).matches();
    }

    /** @return true if {@code text} is exactly 64 lowercase hex digits (a bare image ID) */
    public static boolean isHex64(String text) {
        return text != null && HEX64.matcher(text).matches();
    }

    /**
     * @param data bytes to hash
     * @return the sha256 digest of {@code data}
     */
    public static Digest sha256(byte[] data) {
        return fromMessageDigest(newSha256().digest(data));
    }

    /**
     * @param text text to hash as UTF-8 (used for chain IDs)
     * @return the sha256 digest of the text's UTF-8 bytes
     */
    public static Digest sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param sum a finished 32-byte sha256 sum
     * @return the digest of that sum
     */
    public static Digest fromMessageDigest(byte[] sum) {
        return new Digest(HexFormat.of().formatHex(sum));
    }

    /** @return a new sha256 {@link MessageDigest} */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    /** @return the first 12 hex digits, as Docker shows short IDs */
    public String shortId() {
        return hex.substring(0, 12);
    }

    /** @return {@code "sha256:<hex>"} */
    @JsonValue
    @Override
    public String toString() {
        return SHA256 + ":" + hex;
    }
}
