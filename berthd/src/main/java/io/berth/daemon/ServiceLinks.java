package io.berth.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How berthd's services reach each other (issue 13, "Between the services"): by default over the unix sockets
 * under the exec root; a service given a {@code tcp://host:port} address ({@code --engine-addr},
 * {@code --storage-addr}, {@code --monitor-addr}) is not started by berthd but used there, over mutual TLS
 * with the {@code --service-tls*} files, which every service berthd starts gets as system properties
 * (common's {@code grpc/ServiceTls}). A remote engine or storage service must see the same data root as the
 * engine (the engine mounts storage's snapshots, by path).
 *
 * @param remote the services used at a TCP address instead of being started
 * @param caCert the CA of the services' certificates, or null
 * @param cert the certificate berthd's services present, or null
 * @param key its key, or null
 * @param allowedPeers names a service accepts in client certificates (empty: any of the CA)
 */
public record ServiceLinks(Map<ServiceKind, String> remote, Path caCert, Path cert, Path key,
                           List<String> allowedPeers) {
    /** Every service local, no TLS. */
    public static final ServiceLinks LOCAL = new ServiceLinks(Map.of(), null, null, null, List.of());

    /** Copies the map and list. */
    public ServiceLinks {
        remote = remote.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(remote));
        allowedPeers = List.copyOf(allowedPeers);
    }

    /**
     * @param service a service
     * @return true if berthd starts it (it has no remote address)
     */
    public boolean local(ServiceKind service) {
        return !remote.containsKey(service);
    }

    /**
     * @return the system properties for every service JVM ({@code -Dberth.service.tlscacert=...}), none without
     *     TLS files
     */
    public List<String> jvmProperties() {
        List<String> p = new ArrayList<>();
        if (caCert != null) {
            p.add("-Dberth.service.tlscacert=" + caCert);
            p.add("-Dberth.service.tlscert=" + cert);
            p.add("-Dberth.service.tlskey=" + key);
            if (!allowedPeers.isEmpty()) {
                p.add("-Dberth.service.tlspeers=" + String.join(",", allowedPeers));
            }
        }
        return p;
    }
}
