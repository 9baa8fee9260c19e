package io.berth.engine.logs;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * conmon's k8s-file log of a container's current run, read as a {@link LogSource}: the container's output
 * exactly as written (bytes that are not UTF-8 included), which live attach streams need; the json-file log
 * keeps only text, as dockerd's does.
 */
public final class K8sFileLog implements LogSource {
    private final Path file;
    private final LineChunks reader;

    /** @param file conmon's {@code -l k8s-file:} path (it may not exist yet) */
    public K8sFileLog(Path file) {
        this.file = file;
        this.reader = new LineChunks(file, (b, from, to) -> K8sLogParser.parse(Arrays.copyOfRange(b, from, to)));
    }

    @Override
    public long size() {
        return LineChunks.size(file);
    }

    @Override
    public Chunk readFrom(long offset, long limit, int maxBytes) {
        return reader.read(offset, limit, maxBytes);
    }

    @Override
    public void close() {
        reader.close();
    }
}
