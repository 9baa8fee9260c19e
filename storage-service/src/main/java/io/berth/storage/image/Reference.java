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

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
            + ")*(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final int NAME_MAX = 255;
    /** The longest text parsed at all: name, ':' tag (128), '@' digest (sha512 hex is 135); longer is refused. */
    private static final int TEXT_MAX = NAME_MAX + 1 + 128 + 1 + 135;

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
        if (text.length() > TEXT_MAX) {
            throw new InvalidArgumentException("repository name must not be more than " + NAME_MAX
                    + " characters (the reference has " + text.length() + ")");
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
        if (domain.length() + 1 + path.length() > NAME_MAX) {
            throw new InvalidArgumentException("repository name must not be more than " + NAME_MAX + " characters");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw invalid(text, "");
        }
        if (!isPath(path)) {
            throw invalid(text, isPath(path.toLowerCase()) ? ": repository name must be lowercase" : "");
        }
        return new Reference(domain, path, tag, digest);
    }

    /**
     * distribution/reference's path grammar, {@code component(/component)*} with component
     * {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*}, matched in one pass without a regex: Java's backtracking
     * regex on that grammar recurses once per repetition (a stack overflow at a few thousand components) and
     * backtracks exponentially on a near miss; RE2, which Go uses, does neither.
     */
    static boolean isPath(String path) {
        int i = 0;
        int n = path.length();
        while (true) {
            if (!isAlnum(path, i)) {
                return false;
            }
            while (isAlnum(path, i)) {
                i++;
            }
            if (i == n) {
                return true;
            }
            char c = path.charAt(i);
            if (c == '/') {
                i++;
            } else if (c == '.') {
                i++;
            } else if (c == '_') {
                i += i + 1 < n && path.charAt(i + 1) == '_' ? 2 : 1;
            } else if (c == '-') {
                while (i < n && path.charAt(i) == '-') {
                    i++;
                }
            } else {
                return false;
            }
        }
    }

    private static boolean isAlnum(String s, int i) {
        if (i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
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
