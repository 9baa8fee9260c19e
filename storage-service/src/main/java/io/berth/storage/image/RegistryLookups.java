package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.storage.registry.Descriptor;
import io.berth.storage.registry.Manifests;
import io.berth.storage.registry.Platform;
import io.berth.storage.registry.RegistryClients;
import io.berth.storage.registry.RegistryCredentials;
import io.berth.storage.registry.RegistrySession;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registry calls that store nothing: {@code docker login} (Docker Engine API v1.41 POST /auth: {@code GET /v2/}
 * with the credentials) and GET /distribution/{name}/json (the descriptor of a tag's manifest or index and the
 * platforms it offers).
 */
@Singleton
public final class RegistryLookups {
    private final RegistryClients registries;

    /**
     * The descriptor and platforms of a remote manifest.
     *
     * @param mediaType the manifest's (or index's) media type
     * @param descriptor its digest and size
     * @param platforms an index's platforms, or the image config's one
     */
    public record Distribution(String mediaType, Descriptor descriptor, List<Platform> platforms) {
    }

    /**
     * One search hit (registry.SearchResult).
     *
     * @param name repository name
     * @param description its description
     * @param stars star count
     * @param official is_official
     * @param automated is_automated
     */
    public record SearchHit(String name, String description, int stars, boolean official, boolean automated) {
    }

    /** @param registries makes registry sessions */
    @Inject
    RegistryLookups(RegistryClients registries) {
        this.registries = registries;
    }

    /**
     * Checks credentials (docker login).
     *
     * @param serverAddress e.g. {@code 127.0.0.1:5000}, {@code http://127.0.0.1:5000}, or empty for Docker Hub
     * @param credentials the user's
     * @throws io.berth.common.errors.UnauthenticatedException if the registry refuses them
     * @throws io.berth.common.errors.InvalidArgumentException for a malformed address
     */
    public void login(String serverAddress, RegistryCredentials credentials) {
        registries.session(domainOf(serverAddress), "", credentials, false).ping();
    }

    /**
     * @param serverAddress a registry address as docker login takes it
     * @return its {@code host[:port]}; {@code docker.io} for Docker Hub's addresses and for empty
     */
    static String domainOf(String serverAddress) {
        String s = serverAddress == null ? "" : serverAddress.trim().toLowerCase(Locale.ROOT);
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        if (s.isEmpty() || s.equals("index.docker.io") || s.equals("registry-1.docker.io") || s.equals("docker.io")) {
            return "docker.io";
        }
        Reference.parse(s + "/x");
        return s;
    }

    /**
     * GET /distribution/{name}/json.
     *
     * @param text the reference (a missing tag is latest)
     * @param credentials for the registry
     * @return the descriptor and platforms
     */
    public Distribution inspect(String text, RegistryCredentials credentials) {
        Reference ref = Reference.parse(text);
        if (ref.digest() == null) {
            ref = ref.withDefaultTag();
        }
        RegistrySession session = registries.session(ref.domain(), ref.path(), credentials, false);
        String what = ref.familiarString();
        RegistrySession.Fetched f = session.manifest(ref.digest() != null ? ref.digest().toString() : ref.tag(), what);
        Manifests.Parsed parsed = Manifests.parse(f.body(), f.contentType(), what);
        Descriptor d = new Descriptor(parsed.mediaType(), f.digest(), f.body().length, null, null);
        List<Platform> platforms = new ArrayList<>();
        if (parsed instanceof Manifests.Index index) {
            for (Descriptor m : index.manifests()) {
                if (m.platform() != null) {
                    platforms.add(m.platform());
                }
            }
        } else {
            Manifests.ImageManifest m = (Manifests.ImageManifest) parsed;
            JsonNode config = Json.parse(session.smallBlob(m.config(), Manifests.MAX_CONFIG_BYTES));
            platforms.add(new Platform(config.path("os").asText(""), config.path("architecture").asText(""),
                    config.path("variant").asText(""), config.path("os.version").asText(""), List.of()));
        }
        return new Distribution(parsed.mediaType(), d, platforms);
    }

    /**
     * docker search (GET /images/search, moby registry/service.go Search): the term's index is the registry it
     * names ({@code 127.0.0.1:5000/x}) or Docker Hub; filters {@code is-official}, {@code is-automated}
     * ({@code true}/{@code false}) and {@code stars} (minimum) are applied to the index's answer.
     *
     * @param term the search term
     * @param limit 1..100, or 0 for 25
     * @param filters Docker's filters
     * @param credentials for the index
     * @return the hits, in the index's order
     * @throws io.berth.common.errors.InvalidArgumentException for a limit outside 1..100 or a bad filter
     * @throws io.berth.common.errors.InternalException when the index cannot be reached (an offline dockerd's
     *     answer: {@code Get "https://index.docker.io/v1/search?q=x&n=25": dial tcp: lookup ...})
     */
    public List<SearchHit> search(String term, int limit, Map<String, List<String>> filters,
                                  RegistryCredentials credentials) {
        int n = limit == 0 ? 25 : limit;
        if (n < 1 || n > 100) {
            throw new InvalidArgumentException("Limit " + limit + " is outside the range of [1, 100]");
        }
        Boolean official = boolFilter(filters, "is-official");
        Boolean automated = boolFilter(filters, "is-automated");
        int stars = 0;
        for (String v : filters.getOrDefault("stars", List.of())) {
            try {
                stars = Math.max(stars, Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("Invalid filter 'stars=" + v + "'");
            }
        }
        for (String key : filters.keySet()) {
            if (!List.of("is-official", "is-automated", "stars").contains(key)) {
                throw new InvalidArgumentException("invalid filter '" + key + "'");
            }
        }
        String domain = "docker.io";
        String remote = term;
        int slash = term.indexOf('/');
        if (slash > 0) {
            String first = term.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                domain = domainOf(first);
                remote = term.substring(slash + 1);
            }
        }
        JsonNode results = Json.parse(registries.search(domain, remote, n, credentials)).path("results");
        List<SearchHit> out = new ArrayList<>();
        for (JsonNode r : results) {
            SearchHit h = new SearchHit(r.path("name").asText(""), r.path("description").asText(""),
                    r.path("star_count").asInt(0), r.path("is_official").asBoolean(false),
                    r.path("is_automated").asBoolean(false));
            if ((official == null || official == h.official()) && (automated == null || automated == h.automated())
                    && h.stars() >= stars) {
                out.add(h);
            }
        }
        return out;
    }

    private static Boolean boolFilter(Map<String, List<String>> filters, String key) {
        List<String> v = filters.getOrDefault(key, List.of());
        if (v.isEmpty()) {
            return null;
        }
        String s = v.get(0).toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false") && !s.equals("1") && !s.equals("0")) {
            throw new InvalidArgumentException("Invalid filter '" + key + "=" + v.get(0) + "'");
        }
        return s.equals("true") || s.equals("1");
    }
}
