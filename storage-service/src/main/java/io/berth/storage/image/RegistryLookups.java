package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
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
}
