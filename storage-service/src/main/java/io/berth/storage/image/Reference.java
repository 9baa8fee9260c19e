package io.berth.storage.image;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.storage.content.Digest;
import java.util.regex.Pattern;

/**
 * A normalized image reference {@code domain/path[:tag][@digest]}, parsed with the grammar and defaults of
 * distribution/reference (docker's ParseNormalizedNamed): {@code busybox} is
 * {@code docker.io/library/busybox}, {@code fixture/busybox:1} is {@code docker.io/fixture/busybox:1}.
 * The familiar form ({@link #familiarString()}) drops {@code docker.io/} and {@code library/} again and is
 * what Docker shows in RepoTags.
 *
 * @param domain registry host, e.g. {@code docker.io} or {@code 127.0.0.1:5000}
 * @param path repository path, e.g. {@code library/busybox}
 * @param tag tag or {@code null}
 * @param digest digest or {@code null}
 */
public record Reference(String domain, String path, String tag, Digest digest) {
    /** Docker Hub's canonical domain. */
    public static final String DEFAULT_DOMAIN = "docker.io";
    /** The tag a reference without tag or digest gets. */
    public static final String DEFAULT_TAG = "latest";

    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
            + ")*(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final int NAME_MAX = 255;

    /**
     * Parses and normalizes a reference.
     *
     * @param text e.g. {@code "busybox"}, {@code "fixture/busybox:1"}, {@code "127.0.0.1:5000/a/b:t"},
     *     {@code "busybox@sha256:<hex>"}
     * @return the normalized reference (no default tag added; see {@link #withDefaultTag()})
     * @throws InvalidArgumentException "invalid reference format" (with Docker's detail) if malformed
     */
    public static Reference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text, "");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String d = rest.substring(at + 1);
            if (!Digest.isDigest(d)) {
                throw invalid(text, "");
            }
            digest = Digest.parse(d);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "");
            }
        }
        return named(text, rest, tag, digest);
    }

    private static Reference named(String text, String name, String tag, Digest digest) {
        // Bounded before any regex runs: java.util.regex matches a repeated group by recursion, so an
        // unbounded name of thousands of components would overflow the thread's stack (Go's RE2 does not
        // recurse; distribution checks the same 255 characters after its match).
        if (name.length() > NAME_MAX) {
            throw new InvalidArgumentException("repository name must not be more than " + NAME_MAX + " characters");
        }
        if (Digest.isHex64(name)) {
            throw new InvalidArgumentException("invalid repository name (" + name
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        String domain = DEFAULT_DOMAIN;
        String path = name;
        int slash = name.indexOf('/');
        if (slash >= 0) {
            String first = name.substring(0, slash);
            boolean isDomain = first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase());
            if (isDomain) {
                domain = first.equals("index.docker.io") ? DEFAULT_DOMAIN : first;
                path = name.substring(slash + 1);
            }
        }
        if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw invalid(text, "");
        }
        if (!PATH.matcher(path).matches()) {
            String lower = path.toLowerCase();
            throw invalid(text, PATH.matcher(lower).matches() ? ": repository name must be lowercase" : "");
        }
        if (domain.length() + 1 + path.length() > NAME_MAX) {
            throw new InvalidArgumentException("repository name must not be more than " + NAME_MAX + " characters");
        }
        return new Reference(domain, path, tag, digest);
    }

    private static InvalidArgumentException invalid(String text, String detail) {
        return new InvalidArgumentException("invalid reference format" + detail + ": \"" + text + "\"");
    }

    /** @return this reference, with tag "latest" if it has neither tag nor digest (TagNameOnly) */
    public Reference withDefaultTag() {
        return tag == null && digest == null ? new Reference(domain, path, DEFAULT_TAG, null) : this;
    }

    /** @return the repository in full form, e.g. {@code docker.io/library/busybox} */
    public String name() {
        return domain + "/" + path;
    }

    /** @return the repository in familiar form, e.g. {@code busybox} or {@code 127.0.0.1:5000/capbb} */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        if (path.startsWith("library/") && path.indexOf('/', "library/".length()) < 0) {
            return path.substring("library/".length());
        }
        return path;
    }

    /** @return the familiar form with tag and digest, e.g. {@code busybox:latest}, as Docker shows it */
    public String familiarString() {
        return familiarName() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** @return the full form, e.g. {@code docker.io/library/busybox:latest} */
    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
