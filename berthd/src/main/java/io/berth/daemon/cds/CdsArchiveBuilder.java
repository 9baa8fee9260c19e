package io.berth.daemon.cds;

import io.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Makes the {@link CdsArchive} from the class lists one berthd run recorded: merges them (each line once, in
 * first-seen order; JDK 17's list has one class or {@code @lambda-...} entry per line and no ids for the
 * built-in loaders' classes), runs {@code java -Xshare:dump -XX:SharedClassListFile=<merged>
 * -XX:SharedArchiveFile=<tmp> -cp <class path>} at the lowest CPU priority, and on success renames the archive
 * into place and writes its stamp. The lists are removed either way. A failed dump leaves no archive: the
 * next start records and tries again.
 *
 * @param archive the archive to make
 * @param javaBinary the java executable (the one the JVMs run)
 * @param berthdPid the pid whose class lists to merge
 */
public record CdsArchiveBuilder(CdsArchive archive, String javaBinary, long berthdPid) {
    private static final Logger LOG = LogManager.getLogger(CdsArchiveBuilder.class);
    /** How long a dump may take before it is abandoned. */
    private static final long DUMP_TIMEOUT_S = 180;

    /**
     * @return the class lists this berthd's JVMs wrote
     * @throws IOException if the directory cannot be listed
     */
    List<Path> classLists() throws IOException {
        if (!Files.isDirectory(archive.classListDir())) {
            return List.of();
        }
        String suffix = "-" + berthdPid + ".classlist";
        try (Stream<Path> s = Files.list(archive.classListDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /**
     * Merges class lists: every complete line (a JVM still running may be writing its last one) that is not a
     * comment, once, in the order first seen.
     *
     * @param lists the class list files
     * @return the merged lines
     * @throws IOException if a list cannot be read
     */
    static List<String> merge(List<Path> lists) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        for (Path p : lists) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                continue;
            }
            for (String line : text.substring(0, end).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        }
        return new ArrayList<>(lines);
    }

    /**
     * @param mergedList the merged class list
     * @param tmpArchive where the JVM writes the archive
     * @return the dump's command line
     */
    List<String> dumpCommand(Path mergedList, Path tmpArchive) {
        List<String> cmd = new ArrayList<>();
        Path nice = Path.of("/usr/bin/nice");
        if (Files.isExecutable(nice)) {
            cmd.addAll(List.of(nice.toString(), "-n", "19"));
        }
        cmd.addAll(List.of(javaBinary, "-Xshare:dump", "-XX:SharedClassListFile=" + mergedList,
                "-XX:SharedArchiveFile=" + tmpArchive, "-cp", archive.classPath()));
        return cmd;
    }

    /**
     * Makes the archive now (blocking; a few seconds of CPU). Never throws: a failure is logged.
     *
     * @return true if a new archive is in place
     */
    public boolean build() {
        Path dir = archive.classListDir();
        Path merged = dir.resolve("merged-" + berthdPid + ".classlist");
        Path out = dir.resolve("dump-" + berthdPid + ".log");
        Path tmp = archive.archive().resolveSibling("." + CdsArchive.FILE_NAME + ".tmp-" + berthdPid);
        List<Path> lists = List.of();
        try {
            String stamp = archive.currentStamp();
            lists = classLists();
            List<String> classes = merge(lists);
            if (classes.isEmpty()) {
                LOG.info("no class lists recorded; no CDS archive made");
                return false;
            }
            Files.write(merged, classes, StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(dumpCommand(merged, tmp)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(DUMP_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.warn("CDS archive dump took more than {} s; abandoned", DUMP_TIMEOUT_S);
                return false;
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                LOG.warn("CDS archive dump failed (status {}); see {}", p.exitValue(), out);
                return false;
            }
            Files.move(tmp, archive.archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.writeUnsynced(archive.stampFile(), stamp.getBytes(StandardCharsets.UTF_8));
            LOG.info("CDS archive {} made from {} classes of {} JVMs in {} ms ({} MiB); used from the next start",
                    archive.archive(), classes.size(), lists.size(), (System.nanoTime() - t0) / 1_000_000,
                    Files.size(archive.archive()) >> 20);
            Files.deleteIfExists(out);
            return true;
        } catch (IOException e) {
            LOG.warn("cannot make the CDS archive {}: {}", archive.archive(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            for (Path p : lists) {
                deleteQuietly(p);
            }
            deleteQuietly(merged);
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", p, e.toString());
        }
    }
}
