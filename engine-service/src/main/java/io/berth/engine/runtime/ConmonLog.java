package io.berth.engine.runtime;

import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.ContainerRecord;
import io.berth.common.logs.LogOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * Where conmon writes a container's output: its k8s-file log ({@code -l k8s-file:<file>}, lines
 * {@code <RFC3339Nano time> <stream> <F|P> <text>}, appended across runs, timestamped by conmon as it reads the
 * output) straight into the data root, so the output is persistent the moment conmon writes it, the exec root
 * holds none of it, and nothing in the engine sits between the container and its log (a dead or slow engine
 * loses and delays nothing). With the json-file driver that file is the container's log
 * ({@code <data-root>/containers/<id>/<id>-k8s.log}, the record's LogPath), rotated by the engine for
 * {@code max-size}. With the none driver conmon still writes, for live attach only, a file capped by conmon's
 * own {@code --log-size-max} (conmon replaces it with an empty one when it is full).
 *
 * @param file the k8s-file log
 * @param sizeMax conmon's {@code --log-size-max} in bytes; 0 = unbounded
 */
public record ConmonLog(Path file, long sizeMax) {
    /** Size of the none driver's attach-only file. */
    public static final long ATTACH_ONLY_BYTES = 1024 * 1024;
    /** The none driver's attach-only file in the container's directory. */
    public static final String ATTACH_ONLY_FILE = "attach-k8s.log";

    /**
     * @param r the container
     * @param config the data root
     * @return where its conmon logs
     */
    public static ConmonLog of(ContainerRecord r, EngineConfig config) {
        if (!LogOptions.of(r.hostConfig()).readable() || r.logPath().isEmpty()) {
            return new ConmonLog(config.containerDir(r.id()).resolve(ATTACH_ONLY_FILE), ATTACH_ONLY_BYTES);
        }
        return new ConmonLog(Path.of(r.logPath()), 0);
    }

    /** @return conmon's arguments for it */
    public List<String> conmonArgs() {
        return sizeMax > 0 ? List.of("-l", "k8s-file:" + file, "--log-size-max", Long.toString(sizeMax))
                : List.of("-l", "k8s-file:" + file);
    }
}
